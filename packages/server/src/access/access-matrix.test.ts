import { it } from 'vitest';
import { createRoleUsers, createTestApp } from '../testing/test-app.ts';
import { systemContext } from './access-context.ts';
import { testPatient } from '../testing/fixtures.ts';

it('probe', async () => {
  const ta = await createTestApp();
  const p = await ta.services.repo.create(systemContext(), testPatient('site-a'));
  await createRoleUsers(ta, p.id ?? null);
  const h = (u: string) => ta.login(u).then((t) => ({ authorization: `Bearer ${t}` }));
  const cb = await h('clinician-b');
  const c = await h('clinician');
  const show = async (label: string, req: Parameters<typeof ta.app.inject>[0]) => {
    const timer = new Promise((r) => setTimeout(() => r('TIMEOUT'), 5000));
    const res = await Promise.race([ta.app.inject(req), timer]);
    if (res === 'TIMEOUT') console.log(label, 'TIMEOUT');
    else { const r = res as Awaited<ReturnType<typeof ta.app.inject>>; console.log(label, r.statusCode, r.body.slice(0, 400)); return r; }
    return undefined;
  };
  const o = await show('clinician POST obs', { method: 'POST', url: '/fhir/Observation', headers: c, payload: { resourceType: 'Observation', status: 'final', code: { text: 'HIV test' }, valueString: 'positive', subject: { reference: `Patient/${p.id}` } } });
  const oid = (o?.json() as { id: string }).id;
  await show('clinician DELETE obs', { method: 'DELETE', url: `/fhir/Observation/${oid}`, headers: c });
  const pb = await show('clinician-b POST patient', { method: 'POST', url: '/fhir/Patient', headers: cb, payload: testPatient('site-b', 'B', 'b') });
  const pbid = (pb?.json() as { id: string }).id;
  await show('clinician-b PUT deleted obs', { method: 'PUT', url: `/fhir/Observation/${oid}`, headers: cb, payload: { resourceType: 'Observation', id: oid, status: 'final', code: { text: 'x' }, subject: { reference: `Patient/${pbid}` } } });
  await show('clinician-b history', { method: 'GET', url: `/fhir/Observation/${oid}/_history`, headers: cb });
  await show('clinician-b vread 1', { method: 'GET', url: `/fhir/Observation/${oid}/_history/1`, headers: cb });
  // patient hijack
  const o2 = await show('clinician POST obs2', { method: 'POST', url: '/fhir/Observation', headers: c, payload: { resourceType: 'Observation', status: 'final', code: { text: 'TB' }, subject: { reference: `Patient/${p.id}` } } });
  await show('clinician DELETE patient', { method: 'DELETE', url: `/fhir/Patient/${p.id}`, headers: c });
  await show('clinician-b PUT deleted patient', { method: 'PUT', url: `/fhir/Patient/${p.id}`, headers: cb, payload: { ...testPatient('site-b', 'X', 'y'), id: p.id } });
  await show('clinician-b search obs', { method: 'GET', url: `/fhir/Observation?subject=Patient/${p.id}`, headers: cb });
  await show('clinician-b read obs2', { method: 'GET', url: `/fhir/Observation/${(o2?.json() as { id: string }).id}`, headers: cb });
  await show('clinician read obs2', { method: 'GET', url: `/fhir/Observation/${(o2?.json() as { id: string }).id}`, headers: c });
  await show('clinician-b POST obs nonexistent patient', { method: 'POST', url: '/fhir/Observation', headers: cb, payload: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/nope' } } });
  console.log(await ta.t.db.selectFrom('audit_event').select(['username', 'subtype', 'outcome', 'detail']).where('outcome', '=', 'failure').execute());
  await ta.close();
});

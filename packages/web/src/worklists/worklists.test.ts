import type { Bundle, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { requestRows, visitRows } from './worklists.resource';

const A = 'https://passage.example.org/fhir/CodeSystem/assessment';
const amina: Patient = { resourceType: 'Patient', id: 'p1', name: [{ use: 'usual', text: 'Amina Yusuf' }] };
const include = (resource: Patient) => ({ resource, search: { mode: 'include' as const } });

describe('worklist rows', () => {
  it("reads today's visits with the people they are about", () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      link: [{ relation: 'next', url: '/fhir/Encounter?_offset=100' }],
      entry: [
        {
          resource: {
            resourceType: 'Encounter',
            id: 'e1',
            status: 'finished',
            class: { code: 'AMB' },
            subject: { reference: 'Patient/p1' },
            type: [{ coding: [{ system: A, code: 'follow-up', display: 'Follow-up visit' }] }],
            period: { start: '2024-05-02T09:00:00Z' },
          },
          search: { mode: 'match' },
        },
        {
          resource: {
            resourceType: 'Encounter',
            id: 'e2',
            status: 'entered-in-error',
            class: { code: 'AMB' },
          },
        },
        include(amina),
      ],
    };
    const { rows, more } = visitRows(bundle);
    expect(more).toBe(true);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key: 'Encounter/e1',
      patientId: 'p1',
      patient: amina,
      kind: 'visit',
      text: 'Follow-up visit',
      date: '2024-05-02T09:00:00Z',
    });
  });

  it('tells referrals from follow-ups and recommendations, and keeps only what is due', () => {
    const request = (id: string, category: string, due?: string) => ({
      resource: {
        resourceType: 'ServiceRequest' as const,
        id,
        status: 'active' as const,
        intent: 'order' as const,
        subject: { reference: 'Patient/p1' },
        category: [
          {
            coding: [
              category === 'referral'
                ? { system: 'http://snomed.info/sct', code: '3457005' }
                : { system: A, code: category },
            ],
          },
        ],
        code: { text: id },
        authoredOn: '2024-04-01T10:00:00Z',
        ...(due ? { occurrenceDateTime: due } : {}),
      },
    });
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        request('ref', 'referral'),
        request('fu-today', 'follow-up', '2024-05-02'),
        request('hcv-today', 'screening', '2024-05-02'),
        request('mmr-late', 'vaccination', '2024-04-20'),
        include(amina),
      ],
    };
    const all = requestRows(bundle, '2024-05-02');
    expect(all.rows.map((r) => [r.key, r.kind, r.date, r.overdue])).toEqual([
      ['ServiceRequest/ref', 'referral', '2024-04-01T10:00:00Z', false],
      ['ServiceRequest/fu-today', 'follow-up', '2024-05-02', false],
      ['ServiceRequest/hcv-today', 'screening', '2024-05-02', false],
      ['ServiceRequest/mmr-late', 'vaccination', '2024-04-20', true],
    ]);
    const due = requestRows(bundle, '2024-05-02', (r) => r.overdue || r.kind === 'follow-up');
    expect(due.rows.map((r) => r.key)).toEqual(['ServiceRequest/fu-today', 'ServiceRequest/mmr-late']);
    expect(due.rows[0]?.patient).toBe(amina);
  });
});

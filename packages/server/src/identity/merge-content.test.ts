/** The content changes of a merge and their reversal, as pure functions. */
import { describe, expect, it } from 'vitest';
import type { Observation, Patient } from '@medplum/fhirtypes';
import { PASSAGE_ID_SYSTEM } from '@passage/core';
import { absorb, repoint, repointPaths, retire, unabsorb, unretire } from './merge-content.ts';

const survivor: Patient = {
  resourceType: 'Patient',
  id: 's',
  name: [{ family: 'Haddad', given: ['Mohammed'] }],
  identifier: [{ system: PASSAGE_ID_SYSTEM, value: 'P-S' }],
};
const duplicate: Patient = {
  resourceType: 'Patient',
  id: 'd',
  active: true,
  name: [
    { family: 'HADDAD', given: ['MOHAMMED'] },
    { family: 'Hadad', given: ['Muhammad'] },
  ],
  identifier: [
    { system: PASSAGE_ID_SYSTEM, value: 'P-D' },
    { system: 'urn:passport', value: 'N1' },
  ],
};

describe('re-pointing references', () => {
  it('rewrites every reference to the duplicate, records where, and reverses only those', () => {
    const obs: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'weight' },
      subject: { reference: 'Patient/d' },
      focus: [{ reference: 'Patient/s' }, { reference: 'Patient/d/_history/2' }],
      performer: [{ reference: 'Patient/dd' }],
    };
    const { resource, paths } = repoint(obs, 'd', 's');
    expect(resource.subject?.reference).toBe('Patient/s');
    expect(resource.focus?.map((f) => f.reference)).toEqual(['Patient/s', 'Patient/s']);
    expect(resource.performer?.[0]?.reference).toBe('Patient/dd');
    expect(paths).toEqual([
      ['subject', 'reference'],
      ['focus', 1, 'reference'],
    ]);
    expect(obs.subject?.reference).toBe('Patient/d');
    // Reversed at the recorded paths only: the survivor's own reference stays.
    const back = repointPaths(resource, paths, 's', 'd');
    expect(back.subject?.reference).toBe('Patient/d');
    expect(back.focus?.map((f) => f.reference)).toEqual(['Patient/s', 'Patient/d']);
  });
});

describe('names, identifiers and links', () => {
  it('copies other spellings and documents, never the Passage identifier, and takes back exactly those', () => {
    const { patient, copied } = absorb(survivor, duplicate);
    expect(patient.name?.map((n) => n.family)).toEqual(['Haddad', 'Hadad']);
    expect(patient.identifier?.map((i) => i.value)).toEqual(['P-S', 'N1']);
    expect(patient.link).toEqual([{ other: { reference: 'Patient/d' }, type: 'replaces' }]);
    expect(unabsorb(patient, survivor, 'd', copied)).toEqual(survivor);
    // A phone number added after the merge stays; what the merge added goes.
    const edited = { ...patient, telecom: [{ system: 'phone' as const, value: '1' }] };
    expect(unabsorb(edited, survivor, 'd', copied)).toEqual({ ...survivor, telecom: edited.telecom });
  });

  it('retires the duplicate and brings it back as it was', () => {
    const retired = retire(duplicate, 's');
    expect(retired).toMatchObject({
      active: false,
      link: [{ other: { reference: 'Patient/s' }, type: 'replaced-by' }],
    });
    expect(unretire(retired, duplicate, 's')).toEqual(duplicate);
    const { active: _active, ...neverSet } = duplicate;
    expect(unretire(retire(neverSet, 's'), neverSet, 's')).toEqual(neverSet);
  });
});

/**
 * Passage's extensions on a Patient, written from a registration form and read back: nationalities,
 * country of birth and of last residence, interpreter, arrival, transit countries, migration category,
 * family links and household (fhir-conventions.ts defines them).
 */
import type { Extension, Patient } from '@medplum/fhirtypes';
import {
  ARRIVAL_EXT,
  BIRTH_PLACE_EXT,
  FAMILY_LINK_EXT,
  HOUSEHOLD_EXT,
  INTERPRETER_REQUIRED_EXT,
  ISO3166_SYSTEM,
  LAST_RESIDENCE_EXT,
  MIGRATION_CATEGORY_EXT,
  MIGRATION_CATEGORY_SYSTEM,
  NATIONALITY_EXT,
  ROLE_CODE_SYSTEM,
  TRANSIT_EXT,
} from './fhir-conventions.ts';
import {
  FAMILY_RELATIONSHIPS,
  MIGRATION_CATEGORIES,
  MIGRATION_DISPLAY,
  oneOf,
} from './registration-codes.ts';
import { squeeze, type Registration } from './registration-form.ts';

// --- form → Patient ------------------------------------------------------------------------------

const sub = (url: string, value: Omit<Extension, 'url'>): Extension => ({ url, ...value });

function countryExtension(url: string, country: string): Extension[] {
  return country ? [{ url, valueAddress: { country } }] : [];
}

/** The extensions for a form; blank rows are left out. */
export function patientExtensions(form: Registration): Extension[] {
  const out: Extension[] = form.nationalities.map((code) => ({
    url: NATIONALITY_EXT,
    extension: [sub('code', { valueCodeableConcept: { coding: [{ system: ISO3166_SYSTEM, code }] } })],
  }));
  out.push(...countryExtension(BIRTH_PLACE_EXT, form.birthCountry));
  out.push(...countryExtension(LAST_RESIDENCE_EXT, form.lastResidence));
  if (form.interpreterNeeded !== null)
    out.push({ url: INTERPRETER_REQUIRED_EXT, valueBoolean: form.interpreterNeeded });
  const { date, place, country } = form.arrival;
  const arrival = [
    ...(date ? [sub('date', { valueDate: date })] : []),
    ...(place.trim() ? [sub('place', { valueString: squeeze(place) })] : []),
    ...(country ? [sub('country', { valueCode: country })] : []),
  ];
  if (arrival.length) out.push({ url: ARRIVAL_EXT, extension: arrival });
  for (const stay of form.transits) {
    const period = { ...(stay.from ? { start: stay.from } : {}), ...(stay.to ? { end: stay.to } : {}) };
    out.push({
      url: TRANSIT_EXT,
      extension: [
        ...(stay.country ? [sub('country', { valueCode: stay.country })] : []),
        ...(stay.from || stay.to ? [sub('period', { valuePeriod: period })] : []),
      ],
    });
  }
  if (form.migrationCategory) {
    const code = form.migrationCategory;
    out.push({
      url: MIGRATION_CATEGORY_EXT,
      valueCoding: { system: MIGRATION_CATEGORY_SYSTEM, code, display: MIGRATION_DISPLAY[code] },
    });
  }
  for (const link of form.familyLinks) {
    if (!link.patientId) continue;
    const reference = {
      reference: `Patient/${link.patientId}`,
      ...(link.display ? { display: link.display } : {}),
    };
    out.push({
      url: FAMILY_LINK_EXT,
      extension: [
        sub('patient', { valueReference: reference }),
        ...(link.relationship
          ? [sub('relationship', { valueCoding: { system: ROLE_CODE_SYSTEM, code: link.relationship } })]
          : []),
      ],
    });
  }
  if (form.household.trim()) out.push({ url: HOUSEHOLD_EXT, valueString: form.household.trim() });
  return out;
}

// --- Patient → form ------------------------------------------------------------------------------

const subValue = (ext: Extension | undefined, url: string) => ext?.extension?.find((e) => e.url === url);

/** The form fields kept in extensions, from a Patient's extensions. */
export function formExtensions(patient: Patient) {
  const all = patient.extension ?? [];
  const of = (url: string) => all.filter((e) => e.url === url);
  const arrival = of(ARRIVAL_EXT)[0];
  return {
    nationalities: of(NATIONALITY_EXT).flatMap((e) => {
      const code = subValue(e, 'code')?.valueCodeableConcept?.coding?.find(
        (c) => c.system === ISO3166_SYSTEM,
      )?.code;
      return code ? [code] : [];
    }),
    birthCountry: of(BIRTH_PLACE_EXT)[0]?.valueAddress?.country ?? '',
    lastResidence: of(LAST_RESIDENCE_EXT)[0]?.valueAddress?.country ?? '',
    interpreterNeeded: of(INTERPRETER_REQUIRED_EXT)[0]?.valueBoolean ?? null,
    arrival: {
      date: subValue(arrival, 'date')?.valueDate ?? '',
      place: subValue(arrival, 'place')?.valueString ?? '',
      country: subValue(arrival, 'country')?.valueCode ?? '',
    },
    transits: of(TRANSIT_EXT).map((e) => ({
      country: subValue(e, 'country')?.valueCode ?? '',
      from: subValue(e, 'period')?.valuePeriod?.start ?? '',
      to: subValue(e, 'period')?.valuePeriod?.end ?? '',
    })),
    migrationCategory: oneOf(MIGRATION_CATEGORIES, of(MIGRATION_CATEGORY_EXT)[0]?.valueCoding?.code),
    familyLinks: of(FAMILY_LINK_EXT).map((e) => {
      const reference = subValue(e, 'patient')?.valueReference;
      return {
        patientId: reference?.reference?.replace(/^Patient\//, '') ?? '',
        display: reference?.display ?? '',
        relationship: oneOf(FAMILY_RELATIONSHIPS, subValue(e, 'relationship')?.valueCoding?.code),
      };
    }),
    household: of(HOUSEHOLD_EXT)[0]?.valueString ?? '',
  };
}

/**
 * Decision support for one person: what their record says (origin, transit, age, sex, tests done,
 * vaccines documented, diagnoses) turned into the input of the ECDC 2018 rules in @passage/core.
 */
import { sql } from 'kysely';
import type { Condition, Immunization, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { z } from 'zod';
import {
  ARRIVAL_EXT,
  BIRTH_PLACE_EXT,
  CVX_SYSTEM,
  ICD10_SYSTEM,
  isCvxCode,
  NATIONALITY_EXT,
  recommend,
  TRANSIT_EXT,
  type RecommendationInput,
  type ScreeningKind,
} from '@passage/core';
import type { AccessContext } from '../access/access-context.ts';
import { readScope, scopePredicate } from '../fhir/store/access-scope.ts';
import type { FhirRepository } from '../fhir/store/repository.ts';

export const RecommendationSchema = z.object({
  id: z.string(),
  kind: z.enum(['screening', 'vaccination']),
  target: z.string(),
  label: z.string(),
  reason: z.string(),
  reasonCode: z.string(),
  reasonParams: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  notes: z.array(z.string()),
  priority: z.enum(['high', 'routine']),
  status: z.enum(['due', 'done', 'not-applicable']),
  tests: z.array(z.object({ system: z.string(), code: z.string(), display: z.string() })),
});
export type RecommendationView = z.infer<typeof RecommendationSchema>;
export const RecommendationsResponseSchema = z.object({ recommendations: z.array(RecommendationSchema) });

/** Assessment test codes (Passage or LOINC) → the screening each one counts as. */
const SCREENING_BY_CODE: Readonly<Record<string, ScreeningKind>> = {
  'tb-symptom-screen': 'tb-symptoms',
  'chest-xray': 'chest-xray',
  '24648-8': 'chest-xray',
  igra: 'igra',
  '71773-6': 'igra',
  tst: 'tst',
  'tuberculin-skin-test': 'tst',
  '56888-1': 'hiv',
  '5196-1': 'hbsag',
  '16128-1': 'anti-hcv',
  'schistosoma-serology': 'schistosoma-serology',
  'strongyloides-serology': 'strongyloides-serology',
};

const LABELS: Readonly<Record<string, string>> = {
  'screen-tb-symptoms': 'TB symptom screen',
  'screen-tb-chest-xray': 'Chest X-ray for active TB',
  'screen-ltbi': 'Latent TB infection test (IGRA or skin test)',
  'screen-hiv': 'HIV test',
  'screen-hepatitis-b': 'Hepatitis B test (HBsAg, anti-HBc, anti-HBs)',
  'screen-hepatitis-c': 'Hepatitis C antibody test',
  'screen-schistosomiasis': 'Schistosomiasis serology',
  'screen-strongyloidiasis': 'Strongyloidiasis serology',
  'vaccinate-mmr': 'Measles, mumps, rubella (MMR) vaccine',
  'vaccinate-dtp': 'Diphtheria, tetanus, pertussis vaccine',
  'vaccinate-polio': 'Polio vaccine',
  'vaccinate-hib': 'Hib vaccine',
  'vaccinate-hepatitis-b': 'Hepatitis B vaccine',
};

const date10 = (value: string | undefined) => (value && value.length >= 10 ? value.slice(0, 10) : undefined);

function countryOf(patient: Patient): string | undefined {
  const nationality = patient.extension
    ?.find((e) => e.url === NATIONALITY_EXT)
    ?.extension?.find((x) => x.url === 'code')?.valueCodeableConcept?.coding?.[0]?.code;
  const birthPlace = patient.extension?.find((e) => e.url === BIRTH_PLACE_EXT)?.valueAddress?.country;
  return birthPlace ?? nationality;
}

/** The person's record as the input of `recommend`. */
export function recommendationInput(
  patient: Patient,
  resources: readonly Resource[],
  today: string,
  pregnant: boolean,
): RecommendationInput {
  const birth = patient.birthDate ?? today;
  const birthDate = birth.length === 4 ? `${birth}-07-01` : birth.length === 7 ? `${birth}-15` : birth;
  const transit = (patient.extension ?? [])
    .filter((e) => e.url === TRANSIT_EXT)
    .flatMap((e) => {
      const country = e.extension?.find((x) => x.url === 'country')?.valueCode;
      const period = e.extension?.find((x) => x.url === 'period')?.valuePeriod;
      const from = date10(period?.start);
      const to = date10(period?.end);
      return country ? [{ country, ...(from ? { from } : {}), ...(to ? { to } : {}) }] : [];
    });
  const arrivalDate = date10(
    patient.extension?.find((e) => e.url === ARRIVAL_EXT)?.extension?.find((x) => x.url === 'date')
      ?.valueDate,
  );
  const screenings = resources
    .filter((r): r is Observation => r.resourceType === 'Observation')
    .filter((o) => o.status === 'final' || o.status === 'amended' || o.status === 'corrected')
    .flatMap((o) => {
      const kind = o.code.coding?.map((c) => SCREENING_BY_CODE[c.code ?? '']).find(Boolean);
      const when = date10(o.effectiveDateTime) ?? today;
      const result = o.valueCodeableConcept?.coding?.[0]?.code;
      return kind ? [{ kind, date: when, ...(result ? { result } : {}) }] : [];
    });
  const immunizations = resources
    .filter((r): r is Immunization => r.resourceType === 'Immunization' && r.status === 'completed')
    .flatMap((i) => {
      const cvx = i.vaccineCode.coding?.find((c) => c.system === CVX_SYSTEM)?.code;
      if (!cvx || !isCvxCode(cvx)) return [];
      const documented =
        i.primarySource === true || i.reportOrigin?.coding?.some((c) => c.code === 'record') === true;
      const when = date10(i.occurrenceDateTime);
      return [{ vaccine: cvx, documented, ...(when ? { date: when } : {}) }];
    });
  const conditions = resources
    .filter((r): r is Condition => r.resourceType === 'Condition')
    .filter(
      (c) =>
        !c.verificationStatus?.coding?.some((x) => x.code === 'refuted' || x.code === 'entered-in-error'),
    )
    .flatMap(
      (c) =>
        c.code?.coding?.filter((x) => x.system === ICD10_SYSTEM).map((x) => ({ icd10: x.code as string })) ??
        [],
    );
  return {
    today,
    birthDate: birthDate > today ? today : birthDate,
    sex: patient.gender ?? 'unknown',
    pregnant,
    origin: countryOf(patient) ?? 'XX',
    transit,
    ...(arrivalDate ? { arrivalDate } : {}),
    recorded: { screenings, immunizations, conditions },
  };
}

export async function currentRecommendations(
  repo: FhirRepository,
  ctx: AccessContext,
  patient: Patient & { id: string },
  today: string,
  pregnant: boolean,
): Promise<RecommendationView[]> {
  const scope = readScope(ctx, 'Observation');
  const rows = await sql<{ content: Resource }>`SELECT r.content FROM fhir_resource r
    WHERE r.patient_id = ${patient.id} AND r.type IN ('Observation', 'Immunization', 'Condition')
    AND NOT r.deleted AND ${scopePredicate(scope)}`.execute(repo.db);
  const input = recommendationInput(
    patient,
    rows.rows.map((r) => r.content),
    today,
    pregnant,
  );
  return recommend(input).map((r) => ({
    id: r.id,
    kind: r.kind,
    target: r.target,
    label: LABELS[r.id] ?? r.id,
    reason: r.reason.text,
    reasonCode: r.reason.code,
    reasonParams: { ...r.reason.params },
    notes: r.notes.map((n) => n.text),
    priority: r.priority,
    status: r.status,
    tests: r.tests.map((t) => ({ system: t.system ?? '', code: t.code ?? '', display: t.display ?? '' })),
  }));
}

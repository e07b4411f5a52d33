/**
 * A screening programme: the country prevalence table (with its provenance), the cut-offs applied to
 * it and the age and vaccination rules. ECDC 2018 is the default; a national programme replaces it
 * by loading its own JSON through `validateProgramme`, which names every problem by its path.
 */
import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { isIso3166Alpha2 } from './iso3166.ts';

export const INDICATORS = [
  'tb-incidence-per-100k',
  'hiv-prevalence-pct',
  'hbsag-prevalence-pct',
  'anti-hcv-prevalence-pct',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export const ENDEMIC_CONDITIONS = ['schistosomiasis', 'strongyloidiasis'] as const;
export type EndemicCondition = (typeof ENDEMIC_CONDITIONS)[number];

export const CATCH_UP_VACCINES = ['mmr', 'dtp', 'polio', 'hib', 'hepatitis-b'] as const;
export type CatchUpVaccine = (typeof CATCH_UP_VACCINES)[number];

const describe = (input: unknown) => (input === undefined ? 'missing' : `got ${JSON.stringify(input)}`);

/** A number in [min, max] with messages that say what was found. */
function bounded(min: number, max: number, unit = '') {
  return z
    .number({
      error: (iss) => (iss.input === undefined ? 'is required' : `must be a number (${describe(iss.input)})`),
    })
    .min(min, { error: (iss) => `must be at least ${min}${unit} (got ${String(iss.input)})` })
    .max(max, { error: (iss) => `must be at most ${max}${unit} (got ${String(iss.input)})` });
}
const wholeNumber = (min: number, max: number, unit = '') =>
  bounded(min, max, unit).int({ error: (iss) => `must be a whole number (got ${String(iss.input)})` });
const text = z
  .string({
    error: (iss) => (iss.input === undefined ? 'is required' : `must be text (${describe(iss.input)})`),
  })
  .trim()
  .min(1, { error: 'must not be empty' });
const year = wholeNumber(1950, 2100);
const percent = bounded(0, 100, '%');
const iso2 = z.string().refine(isIso3166Alpha2, {
  error: (iss) => `${JSON.stringify(iss.input)} is not an ISO 3166-1 alpha-2 country code`,
});

const ProvenanceSchema = z.strictObject({ source: text, year });
export type Provenance = z.output<typeof ProvenanceSchema>;

const IndicatorSchema = ProvenanceSchema.extend({ unit: text });

const CountrySchema = z.strictObject({
  name: text,
  'tb-incidence-per-100k': bounded(0, 2000, ' per 100,000').optional(),
  'hiv-prevalence-pct': percent.optional(),
  'hbsag-prevalence-pct': percent.optional(),
  'anti-hcv-prevalence-pct': percent.optional(),
  /** A country figure taken from another source than the indicator's. */
  sources: z.partialRecord(z.enum(INDICATORS), ProvenanceSchema).optional(),
});
export type CountryFigures = z.output<typeof CountrySchema>;

const EndemicSchema = ProvenanceSchema.extend({ countries: z.array(iso2) });

export const PrevalenceTableSchema = z
  .strictObject({
    id: text,
    name: text,
    source: text,
    year,
    publisher: text,
    notes: z.string().optional(),
    indicators: z.strictObject({
      'tb-incidence-per-100k': IndicatorSchema,
      'hiv-prevalence-pct': IndicatorSchema,
      'hbsag-prevalence-pct': IndicatorSchema,
      'anti-hcv-prevalence-pct': IndicatorSchema,
    }),
    countries: z.record(z.string(), CountrySchema),
    endemic: z.strictObject({ schistosomiasis: EndemicSchema, strongyloidiasis: EndemicSchema }),
  })
  .superRefine((table, ctx) => {
    for (const [code, figures] of Object.entries(table.countries)) {
      if (!isIso3166Alpha2(code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['countries', code],
          message: `${JSON.stringify(code)} is not an ISO 3166-1 alpha-2 country code`,
        });
      }
      for (const indicator of Object.keys(figures.sources ?? {}) as Indicator[]) {
        if (figures[indicator] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['countries', code, 'sources', indicator],
            message: `names a source for ${indicator} but the country has no ${indicator} value`,
          });
        }
      }
    }
  });
export type PrevalenceTable = z.output<typeof PrevalenceTableSchema>;

/** Cut-offs from the ECDC 2018 guidance (TB: the incidence ECDC used in its modelling). */
const ThresholdsSchema = z.strictObject({
  tbIncidence: bounded(0, 2000, ' per 100,000').default(40),
  hiv: percent.default(1),
  hbsag: percent.default(2),
  hcv: percent.default(2),
});

const RulesSchema = z.strictObject({
  /** LTBI testing below this age: ECDC says "especially children and young adults"; < 35 is common. */
  ltbiMaxAge: wholeNumber(1, 120, ' years').default(35),
  /** Chest X-ray from this age; younger children are tested with IGRA/TST first. */
  cxrMinAge: wholeNumber(0, 120, ' years').default(15),
  /** HIV test offered on request from this age whatever the origin's prevalence. */
  hivOfferFromAge: wholeNumber(0, 120, ' years').default(15),
  /** Hepatitis C screening is for adults. */
  hcvMinAge: wholeNumber(0, 120, ' years').default(18),
  /** Below this age the child and adolescent catch-up schedule applies. */
  childMaxAge: wholeNumber(1, 120, ' years').default(18),
  /** A transit country counts for TB only after this many months there. */
  transitMinMonths: wholeNumber(0, 120, ' months').default(3),
});

const VaccineRuleSchema = z.strictObject({
  minAgeMonths: wholeNumber(0, 1440, ' months'),
  maxAgeMonths: wholeNumber(1, 1440, ' months').optional(),
  /** Documented doses that complete catch-up; the host schedule decides timing and products. */
  doses: wholeNumber(1, 10),
  dosesUnder12Months: wholeNumber(1, 10).optional(),
});
export type VaccineRule = z.output<typeof VaccineRuleSchema>;

const VaccinationSchema = z.strictObject({
  mmr: VaccineRuleSchema.prefault({ minAgeMonths: 12, doses: 2 }),
  dtp: VaccineRuleSchema.prefault({ minAgeMonths: 2, doses: 3 }),
  polio: VaccineRuleSchema.prefault({ minAgeMonths: 2, doses: 3 }),
  // One dose completes Hib catch-up after the first birthday (WHO Hib position paper, 2013).
  hib: VaccineRuleSchema.prefault({ minAgeMonths: 2, maxAgeMonths: 60, doses: 1, dosesUnder12Months: 3 }),
  'hepatitis-b': VaccineRuleSchema.prefault({ minAgeMonths: 0, doses: 3 }),
});

export const ScreeningProgrammeSchema = z.strictObject({
  id: text,
  name: text,
  source: text,
  year,
  table: PrevalenceTableSchema,
  thresholds: ThresholdsSchema.prefault({}),
  rules: RulesSchema.prefault({}),
  vaccination: VaccinationSchema.prefault({}),
});
export type ScreeningProgramme = z.output<typeof ScreeningProgrammeSchema>;
/** What a programme JSON may contain: thresholds, rules and vaccination default to ECDC 2018. */
export type ScreeningProgrammeInput = z.input<typeof ScreeningProgrammeSchema>;

export type ProgrammeValidation =
  { ok: true; programme: ScreeningProgramme } | { ok: false; issues: FieldIssue[] };

/** Zod's default wording, made plain for people who write tables ("is required", "must be text"). */
export function plainError(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'is required';
  const expected =
    issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'a list' : issue.expected;
  return `must be ${expected} (${describe(issue.input)})`;
}

export function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

/**
 * Checks a programme (an object, or JSON text) and returns it with defaults filled in, or every
 * problem found, each with its path: `table.countries.SO.tb-incidence-per-100k: must be at least 0`.
 */
export function validateProgramme(json: unknown): ProgrammeValidation {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      const message = `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
      return { ok: false, issues: [{ message, type: 'invalid' }] };
    }
  }
  const result = ScreeningProgrammeSchema.safeParse(value, { error: plainError });
  if (result.success) return { ok: true, programme: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      const expression = pathOf(issue.path);
      return {
        expression,
        message: expression ? `${expression}: ${issue.message}` : issue.message,
        type: 'invalid',
      };
    }),
  };
}

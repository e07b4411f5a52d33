/**
 * What `recommend` needs to know about a person: age, sex, pregnancy, where they come from and
 * passed through, and what is already recorded (tests, vaccines, diagnoses).
 */
import { z } from 'zod';
import { CVX_CODES } from './vaccines.ts';
import type { CvxCode } from './vaccines.ts';

/** The tests a screening record can name; each satisfies one recommendation (see rules). */
export const SCREENING_KINDS = [
  'tb-symptoms',
  'chest-xray',
  'igra',
  'tst',
  'hiv',
  'hbsag',
  'anti-hcv',
  'schistosoma-serology',
  'strongyloides-serology',
] as const;
export type ScreeningKind = (typeof SCREENING_KINDS)[number];

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const date = z.string().refine(isCalendarDate, {
  error: (iss) => `must be a date YYYY-MM-DD (got ${JSON.stringify(iss.input)})`,
});
const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 country code' })
  .transform((code) => code.toUpperCase());

export const RecordedScreeningSchema = z.object({
  kind: z.enum(SCREENING_KINDS),
  date,
  result: z.string().optional(),
});
export type RecordedScreening = z.output<typeof RecordedScreeningSchema>;

export const RecordedImmunizationSchema = z.object({
  vaccine: z.enum(CVX_CODES as [CvxCode, ...CvxCode[]], {
    error: (iss) => `${JSON.stringify(iss.input)} is not a CVX code in VACCINES`,
  }),
  date: date.optional(),
  /** Card or certificate seen; a self-reported dose is recorded but counts as not given (ECDC). */
  documented: z.boolean(),
});
export type RecordedImmunization = z.output<typeof RecordedImmunizationSchema>;

export const TransitStaySchema = z.object({ country, from: date.optional(), to: date.optional() });
export type TransitStay = z.output<typeof TransitStaySchema>;

export const RecommendationInputSchema = z
  .object({
    today: date,
    /** Often estimated (1 January of a stated year). */
    birthDate: date,
    sex: z.enum(['male', 'female', 'other', 'unknown']),
    pregnant: z.boolean().optional(),
    /** Country of birth or nationality. */
    origin: country,
    transit: z.array(TransitStaySchema).default([]),
    arrivalDate: date.optional(),
    recorded: z
      .object({
        screenings: z.array(RecordedScreeningSchema).default([]),
        immunizations: z.array(RecordedImmunizationSchema).default([]),
        conditions: z.array(z.object({ icd10: z.string().min(1) })).default([]),
      })
      .prefault({}),
  })
  .refine((input) => input.birthDate <= input.today, {
    error: 'birthDate must not be after today',
    path: ['birthDate'],
  });

/** The input as a caller writes it: transit and the recorded lists may be left out. */
export type RecommendationInput = z.input<typeof RecommendationInputSchema>;
/** The input after validation, with defaults filled in and country codes in capitals. */
export type Person = z.output<typeof RecommendationInputSchema>;

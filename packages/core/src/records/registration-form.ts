/**
 * The registration form's data: one Zod shape (the form's type is inferred from it), a blank form, and
 * reading its values: texts, partial FHIR dates, an age estimate, the script a name is written in.
 *
 * Form values are never undefined: an empty text or an unchosen option is '', an unknown yes/no or
 * number is null, so a form survives JSON and a round trip through a Patient unchanged.
 */
import { z } from 'zod';
import {
  BIRTH_DATE_PRECISIONS,
  CONTACT_RELATIONSHIPS,
  FAMILY_RELATIONSHIPS,
  GENDERS,
  IDENTIFIER_TYPE_KEYS,
  LITERACY_LEVELS,
  MIGRATION_CATEGORIES,
  OTHER_NAME_USES,
  TELECOM_SYSTEMS,
} from './registration-codes.ts';

// --- schema --------------------------------------------------------------------------------------

const blank = z.literal('');
const NameSchema = z.object({
  /** BCP 47 with script, e.g. `ar-Arab` (as written) or `ar-Latn` (a transliteration); '' unknown. */
  language: z.string(),
  family: z.string(),
  /** Given names separated by spaces; stored as FHIR's list of given names. */
  given: z.string(),
});

export const RegistrationShape = z.object({
  /** The name as the person writes it, in any script. */
  name: NameSchema,
  /** Latin spellings; the first is the one used day to day. */
  transliterations: z.array(NameSchema),
  otherNames: z.array(NameSchema.extend({ use: z.enum(OTHER_NAME_USES) })),
  gender: z.enum(GENDERS).or(blank),
  birth: z.object({
    precision: z.enum(BIRTH_DATE_PRECISIONS),
    /** YYYY-MM-DD, YYYY-MM or YYYY by precision; '' when estimated (it is computed). */
    date: z.string(),
    /** Estimated only: the age the person gave, on which day, and how it was estimated. */
    age: z.number().nullable(),
    statedOn: z.string(),
    how: z.string(),
  }),
  /** ISO 3166-1 alpha-2 codes, upper case. */
  nationalities: z.array(z.string()),
  birthCountry: z.string(),
  lastResidence: z.string(),
  languages: z.array(
    z.object({ code: z.string(), literacy: z.enum(LITERACY_LEVELS).or(blank), preferred: z.boolean() }),
  ),
  interpreterNeeded: z.boolean().nullable(),
  identifiers: z.array(
    z.object({
      type: z.enum(IDENTIFIER_TYPE_KEYS).or(blank),
      value: z.string(),
      /** Issuing country (ISO alpha-2) and/or organisation. */
      country: z.string(),
      organization: z.string(),
    }),
  ),
  arrival: z.object({ date: z.string(), place: z.string(), country: z.string() }),
  /** Countries passed through on the way, in order; dates may be partial (YYYY or YYYY-MM). */
  transits: z.array(z.object({ country: z.string(), from: z.string(), to: z.string() })),
  /** Sensitive: recorded only with the person's agreement. */
  migrationCategory: z.enum(MIGRATION_CATEGORIES).or(blank),
  familyLinks: z.array(
    z.object({
      /** Patient id of the relative, and their name to show without fetching them. */
      patientId: z.string(),
      display: z.string(),
      relationship: z.enum(FAMILY_RELATIONSHIPS).or(blank),
    }),
  ),
  household: z.string(),
  telecom: z.array(z.object({ system: z.enum(TELECOM_SYSTEMS), value: z.string() })),
  address: z.string(),
  emergencyContact: z.object({
    name: z.string(),
    relationship: z.enum(CONTACT_RELATIONSHIPS).or(blank),
    phone: z.string(),
  }),
  /** JPEG, base64, already resized by the client. */
  photo: z.object({ contentType: z.literal('image/jpeg'), data: z.string() }).nullable(),
});

export type Registration = z.infer<typeof RegistrationShape>;
export type RegistrationName = z.infer<typeof NameSchema>;

/** A blank form; an estimated age is taken to be stated today. */
export function emptyRegistration(today: string = localToday()): Registration {
  return {
    name: { language: '', family: '', given: '' },
    transliterations: [],
    otherNames: [],
    gender: '',
    birth: { precision: 'exact', date: '', age: null, statedOn: today, how: '' },
    nationalities: [],
    birthCountry: '',
    lastResidence: '',
    languages: [],
    interpreterNeeded: null,
    identifiers: [],
    arrival: { date: '', place: '', country: '' },
    transits: [],
    migrationCategory: '',
    familyLinks: [],
    household: '',
    telecom: [],
    address: '',
    emergencyContact: { name: '', relationship: '', phone: '' },
    photo: null,
  };
}

// --- text --------------------------------------------------------------------------------------

/** The words of a text, as typed: white space around and between them does not count. */
export const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);
/** A text with its white space folded to single spaces. */
export const squeeze = (text: string) => words(text).join(' ');

// --- dates ---------------------------------------------------------------------------------------

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A FHIR date (YYYY, YYYY-MM or YYYY-MM-DD) that exists on the calendar; which parts it has. */
export function dateParts(value: string): 'year' | 'month' | 'day' | undefined {
  const m = DATE.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0); // Date.UTC would read years 0–99 as 1900–1999.
  if (month < 1 || month > 12 || day < 1 || day > lastDay.getUTCDate()) return undefined;
  return m[3] ? 'day' : m[2] ? 'month' : 'year';
}

/** Compares two FHIR dates at the precision both have: '2025-03' and '2025-03-14' are equal. */
export function compareDates(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n) ? -1 : a.slice(0, n) > b.slice(0, n) ? 1 : 0;
}

/** Today's date where the form is filled in (local time, not UTC). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The birth year of someone who gave `age` on `statedOn`: the year holding most of the possible dates. */
export function estimatedBirthYear(age: number, statedOn: string): number {
  const year = Number(statedOn.slice(0, 4));
  // The possible birth dates span the year before `statedOn`; its midpoint falls in the previous
  // calendar year when the age is given in the first half of the year.
  return statedOn.slice(5) < '07-01' ? year - age - 1 : year - age;
}

/** The parts a birth date of each stated precision has (an estimated one is computed). */
export const PARTS_OF_PRECISION = { exact: 'day', month: 'month', year: 'year' } as const;

// --- scripts -------------------------------------------------------------------------------------

/** Unicode script names and their ISO 15924 codes, for the scripts people arriving in Europe write. */
const SCRIPTS = (
  'Latin:Latn Arabic:Arab Cyrillic:Cyrl Ethiopic:Ethi Georgian:Geor Bengali:Beng Devanagari:Deva ' +
  'Armenian:Armn Greek:Grek Hebrew:Hebr Syriac:Syrc Thaana:Thaa Adlam:Adlm Nko:Nkoo Tifinagh:Tfng ' +
  'Han:Hani Hangul:Hang Thai:Thai Tamil:Taml Myanmar:Mymr Khmer:Khmr'
)
  .split(' ')
  .map((pair) => pair.split(':') as [string, string]);
const SCRIPT_PATTERNS = SCRIPTS.map(
  ([name, code]) => [code, new RegExp(`\\p{Script=${name}}`, 'gu')] as const,
);

/** ISO 15924 code of the script most letters of `text` are in (`Arab`, `Cyrl`, `Latn`…). */
export function scriptSubtag(text: string): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const [code, pattern] of SCRIPT_PATTERNS) {
    const count = text.match(pattern)?.length ?? 0;
    if (count > most) [best, most] = [code, count];
  }
  return best;
}

/** The language tag of a name: the language chosen plus the script of its letters (`ar` + محمد → `ar-Arab`). */
export function nameLanguageTag(language: string, text: string): string {
  const base = language.split('-')[0] ?? '';
  const script = scriptSubtag(text);
  if (!script) return base;
  return `${base || 'und'}-${script}`;
}

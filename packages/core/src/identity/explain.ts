// Why two records were (or were not) judged the same person, field by field: the agreement level, its
// weight log2(m/u), the term-frequency adjustment and a sentence a reviewer can check against the
// records. Slower than scoring (it builds strings); meant for the pairs a person looks at.
import { compareInto, compareNamesDetailed } from './compare.ts';
import type { RecordFeatures } from './features.ts';
import { FIELDS, LEVELS, type Field } from './fields.ts';
import type { MatchGrade, Matcher } from './model.ts';
import type { NameUnit } from './name-units.ts';

export interface FieldExplanation {
  field: Field;
  level: string;
  /** levelWeight + tfAdjustment, in bits. */
  weight: number;
  levelWeight: number;
  tfAdjustment: number;
  m: number;
  u: number;
  why: string;
}

export interface MatchExplanation {
  weight: number;
  priorBits: number;
  logOdds: number;
  probability: number;
  grade: MatchGrade;
  /** What decided the grade. */
  reason: string;
  fields: FieldExplanation[];
}

const SEX = ['not known', 'male', 'female'];
const AGREEMENT = ['', '~', '≈', '=']; // by unitAgreement: similar, variant, same spelling
const round = (x: number) => Math.round(x * 10) / 10;

function namesWhy(a: readonly NameUnit[], b: readonly NameUnit[]): string {
  if (a.length === 0 || b.length === 0) return 'no name on one record';
  const { matches } = compareNamesDetailed(a, b);
  // Each name isolated (U+2068 … U+2069): Arabic beside Latin must not reorder the sentence.
  const first = (u: NameUnit) => `\u2068${u.display.split(' / ')[0] as string}\u2069`;
  const agreed = matches.map(
    (p) => `${first(a[p.a] as NameUnit)} ${AGREEMENT[p.agreement]} ${first(b[p.b] as NameUnit)}`,
  );
  const onlyA = a.filter((_, i) => !matches.some((p) => p.a === i)).map(first);
  const onlyB = b.filter((_, j) => !matches.some((p) => p.b === j)).map(first);
  const parts = [agreed.length > 0 ? agreed.join(', ') : 'no name part in common'];
  if (onlyA.length + onlyB.length > 0) parts.push(`not on both: ${[...onlyA, ...onlyB].join(', ')}`);
  return `${parts.join('; ')} (= same spelling, ≈ same name in another spelling or script, ~ similar)`;
}

function birthWhy(a: RecordFeatures, b: RecordFeatures, level: string): string {
  if (!a.birth || !b.birth) return 'birth date not known on one record';
  const text = `${a.birth.text} and ${b.birth.text}`;
  const imprecise = (x: RecordFeatures) =>
    x.birth?.precise ? '' : x.birth?.estimated ? 'estimated' : 'year only or 1 January';
  const notes: Record<string, string> = {
    exact: 'the same day',
    swapped: 'day and month swapped',
    near: 'one of day, month or year differs',
    year: `the same year; ${imprecise(a) || imprecise(b)}, so no day to compare`,
    'year-vs-day': `the same year; one a real day, the other ${imprecise(a) || imprecise(b)}`,
    adjacent: `a year or two apart; ${imprecise(a) || imprecise(b)}`,
    'adjacent-vs-day': `a year or two apart; one a real day, the other ${imprecise(a) || imprecise(b)}`,
    differs: 'two real dates, day and month both different',
    disagree: 'years apart',
  };
  return `${text}: ${notes[level] ?? level}`;
}

function identifierWhy(a: RecordFeatures, b: RecordFeatures, level: string): string {
  if (level === 'missing') return 'no identifier on one record';
  const same = a.identifiers.find((x) => b.identifiers.some((y) => y.number === x.number));
  if (level === 'passage') return `the same Passage identifier ${same?.number}`;
  if (level === 'same') return `the same number ${same?.number} (${same?.system || 'issuer not stated'})`;
  if (level === 'same-number') return `the same number ${same?.number} under different issuers`;
  return 'different numbers from the same issuer (a new document, or another person)';
}

function why(field: Field, level: string, a: RecordFeatures, b: RecordFeatures): string {
  switch (field) {
    case 'name':
      return namesWhy(a.names, b.names);
    case 'birthDate':
      return birthWhy(a, b, level);
    case 'sex':
      return level === 'missing' ? 'sex not known on one record' : `${SEX[a.sex]} and ${SEX[b.sex]}`;
    case 'nationality':
      return level === 'missing'
        ? 'nationality not known on one record'
        : `${a.nationalities.join('/')} and ${b.nationalities.join('/')}`;
    case 'identifier':
      return identifierWhy(a, b, level);
    case 'phone':
      return {
        same: 'the same phone number',
        different: 'different phone numbers',
        missing: 'no phone number on one record',
      }[level] as string;
    case 'family':
      return {
        'same-relative': 'linked to the same relative in the same role',
        'different-relative': 'a different mother or father',
        'each-other': 'linked to each other as relatives: two people',
        missing: 'no family links to compare',
      }[level] as string;
    default:
      return level === 'missing'
        ? 'arrival not known on one record'
        : `arrivals ${a.arrival?.place || '?'} and ${b.arrival?.place || '?'}, ${Math.abs((a.arrival?.day ?? 0) - (b.arrival?.day ?? 0))} day(s) apart`;
  }
}

/** Explains a pair's score field by field; the field weights add up to the total weight. */
export function explainMatch(matcher: Matcher, a: RecordFeatures, b: RecordFeatures): MatchExplanation {
  const score = matcher.score(a, b);
  const levels = new Uint8Array(FIELDS.length);
  const bits = new Float64Array(FIELDS.length);
  compareInto(a, b, levels, bits);
  const fields = FIELDS.map((field, f): FieldExplanation => {
    const l = levels[f] as number;
    const level = LEVELS[field][l] as string;
    const { levelWeight, tfAdjustment } = matcher.fieldWeight(f, l, bits[f] as number);
    let text = why(field, level, a, b);
    if (Math.abs(tfAdjustment) >= 0.05)
      text += tfAdjustment > 0 ? '; rarer than usual' : '; more common than usual';
    return {
      field,
      level,
      weight: round(levelWeight + tfAdjustment),
      levelWeight: round(levelWeight),
      tfAdjustment: round(tfAdjustment),
      m: matcher.model.m[field][l] as number,
      u: matcher.model.u[field][l] as number,
      why: text,
    };
  });
  const t = matcher.model.thresholds;
  const reason = score.sharedIdentifier
    ? 'the same Passage identifier, or the same document from the same issuer with nothing contradicting it'
    : `log-odds ${round(score.logOdds)} bits (weight ${round(score.weight)} + prior ${round(matcher.priorBits)}); ` +
      `thresholds certain ${t.certain}, probable ${t.probable}, possible ${t.possible}` +
      (score.logOdds >= t.certain && score.grade !== 'certain'
        ? '; not certain: nothing beyond the names and a birth year agrees (no birth day, document or phone)'
        : '');
  return {
    weight: score.weight,
    priorBits: matcher.priorBits,
    logOdds: score.logOdds,
    probability: score.probability,
    grade: score.grade,
    reason,
    fields,
  };
}

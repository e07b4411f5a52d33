/**
 * Why a recommendation was made: a stable code the UI translates, the values behind it, and an
 * English sentence as a fallback. Reasons built on a table figure always carry its source and year.
 */

export const REASON_CODES = [
  'everyone',
  'above-threshold',
  'transit-above-threshold',
  'below-threshold',
  'no-data',
  'origin-unknown',
  'endemic',
  'not-endemic',
  'offer-on-request',
  'known-condition',
  'pregnancy',
  'igra-in-pregnancy',
  'child-igra-first',
  'age',
  'catch-up',
  // Notes: context shown beside the main reason.
  'transit-short-stay',
  'transit-duration-unknown',
  'transit-country-unknown',
  'self-reported-not-counted',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type ReasonParams = Readonly<Record<string, string | number | boolean>>;

export interface Reason {
  readonly code: ReasonCode;
  readonly params: ReasonParams;
  /** English fallback; the UI translates `code` with `params`. */
  readonly text: string;
}

const str = (params: ReasonParams, key: string): string => String(params[key] ?? '?');

const INDICATOR_LABELS: Readonly<Record<string, string>> = {
  'tb-incidence-per-100k': 'TB incidence',
  'hiv-prevalence-pct': 'HIV prevalence (adults)',
  'hbsag-prevalence-pct': 'HBsAg prevalence',
  'anti-hcv-prevalence-pct': 'Anti-HCV prevalence',
};
const indicator = (p: ReasonParams) => INDICATOR_LABELS[str(p, 'indicator')] ?? str(p, 'indicator');

/** "Somalia (SO)" when the table names the country, else the code. */
function place(p: ReasonParams): string {
  return p.countryName ? `${str(p, 'countryName')} (${str(p, 'country')})` : str(p, 'country');
}

function figure(p: ReasonParams, key: 'value' | 'threshold'): string {
  const unit = str(p, 'unit');
  return unit === '%' ? `${str(p, key)}%` : `${str(p, key)} ${unit}`;
}

/** The source, with its year unless the citation already names it. */
function cite(p: ReasonParams): string {
  const source = str(p, 'source');
  return source.includes(str(p, 'year')) ? source : `${source}, ${str(p, 'year')}`;
}
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "60 months" reads as "5 years". */
const months = (m: number) => (m >= 24 && m % 12 === 0 ? `${m / 12} years` : `${m} months`);

function catchUpText(p: ReasonParams): string {
  const documented = Number(p.documentedDoses);
  const selfReported = Number(p.selfReportedDoses);
  let text = `${p.ageGroup === 'child' ? 'Child and adolescent' : 'Adult'} catch-up: ${documented} of ${str(p, 'requiredDoses')} doses documented`;
  if (documented >= Number(p.requiredDoses)) text += ', complete.';
  else if (selfReported > 0)
    text += `; ${selfReported} self-reported dose(s) not counted (ECDC: undocumented means not given).`;
  else text += '.';
  if (p.indicator !== undefined)
    text += ` ${indicator(p)} in ${place(p)} is ${figure(p, 'value')} (${cite(p)}).`;
  return text;
}

const TEXT: Record<ReasonCode, (p: ReasonParams) => string> = {
  everyone: () =>
    'Offered to everyone: cough over two weeks, fever, night sweats, weight loss, blood in sputum (ECDC 2018).',
  'above-threshold': (p) =>
    `${indicator(p)} in ${place(p)} is ${figure(p, 'value')}, at or above ${figure(p, 'threshold')} (${cite(p)}).`,
  'transit-above-threshold': (p) =>
    `${str(p, 'months')} months in ${place(p)}, where ${indicator(p)} is ${figure(p, 'value')}, ` +
    `at or above ${figure(p, 'threshold')} (${cite(p)}).`,
  'below-threshold': (p) =>
    `${indicator(p)} in ${place(p)} is ${figure(p, 'value')}, below ${figure(p, 'threshold')} (${cite(p)}).`,
  'no-data': (p) => `The table has no ${indicator(p)} figure for ${place(p)}: offered as a precaution.`,
  'origin-unknown': (p) =>
    `Country of origin ${str(p, 'country')} is not in the table "${str(p, 'table')}": decide clinically.`,
  endemic: (p) => `${capitalised(str(p, 'condition'))} is endemic in ${place(p)} (${cite(p)}).`,
  'not-endemic': (p) =>
    `${capitalised(str(p, 'condition'))} is not listed as endemic in ${place(p)} (${cite(p)}).`,
  'offer-on-request': (p) =>
    `Offered on request to everyone from age ${str(p, 'minAge')}` +
    (p.value !== undefined ? `; ${indicator(p)} in ${place(p)} is ${figure(p, 'value')} (${cite(p)}).` : '.'),
  'known-condition': (p) => `Already diagnosed (ICD-10 ${str(p, 'icd10')}).`,
  pregnancy: (p) =>
    p.target === 'active-tb'
      ? 'Not during pregnancy: symptom screen and IGRA instead; X-ray if symptomatic or IGRA-positive.'
      : 'Not during pregnancy: offer after delivery.',
  'igra-in-pregnancy': () => 'IGRA during pregnancy in place of the chest X-ray.',
  'child-igra-first': (p) =>
    `Under ${str(p, 'minAge')}: IGRA or skin test first; chest X-ray only if positive or symptomatic.`,
  age: (p) => {
    const age =
      p.ageMonths !== undefined && Number(p.ageMonths) < 24
        ? `${str(p, 'ageMonths')} months`
        : `${str(p, 'age')} years`;
    if (p.maxAge !== undefined) return `Age ${age}: offered under ${str(p, 'maxAge')} years.`;
    if (p.maxAgeMonths !== undefined) return `Age ${age}: offered under ${months(Number(p.maxAgeMonths))}.`;
    if (p.minAgeMonths !== undefined) return `Age ${age}: offered from ${months(Number(p.minAgeMonths))}.`;
    return `Age ${age}: offered from ${str(p, 'minAge')} years.`;
  },
  'catch-up': catchUpText,
  'transit-short-stay': (p) =>
    `Passed through ${place(p)} (${indicator(p)} ${figure(p, 'value')}, ${cite(p)}) for ` +
    `${str(p, 'months')} months, under the ${str(p, 'minMonths')} that count.`,
  'transit-duration-unknown': (p) =>
    `Passed through ${place(p)} (${indicator(p)} ${figure(p, 'value')}, ${cite(p)}); length of stay unknown.`,
  'transit-country-unknown': (p) => `Passed through ${str(p, 'country')}, which is not in the table.`,
  'self-reported-not-counted': (p) =>
    `${str(p, 'selfReportedDoses')} self-reported dose(s) recorded but not counted (ECDC 2018).`,
};

export function reason(code: ReasonCode, params: ReasonParams = {}): Reason {
  return { code, params, text: TEXT[code](params) };
}

// The fields identity matching compares and the agreement levels each comparison yields, best first;
// 'missing' (not known on one side) is always last and weighs nothing (Fellegi & Sunter 1969: a
// comparison that cannot be made is neither for nor against).

export const FIELDS = [
  'name',
  'birthDate',
  'sex',
  'nationality',
  'identifier',
  'phone',
  'family',
  'arrival',
] as const;
export type Field = (typeof FIELDS)[number];

export const LEVELS = {
  /** exact: every part of the shorter name (two or more) spelled the same; variant: the same names in
   * other spellings or scripts; similar: a typo apart; single: two one-part names that agree (one
   * who has one name has it at every border); contained: a one-part name found in a longer one;
   * partial: two or more parts agree but each name has a part the other lacks; one: one part only;
   * other-given: parts agree but the own given names differ (siblings look like this). */
  name: [
    'exact',
    'variant',
    'similar',
    'single',
    'contained',
    'partial',
    'one',
    'other-given',
    'disagree',
    'missing',
  ],
  /** near: both real days, one of day and month differs, or only the year by one; year: same year,
   * neither a real day (year only, estimated, 1 January); year-vs-day: same year, only one a real day
   * (weaker: who knows their birthday says it at every border); adjacent(-vs-day): likewise a year
   * apart, two if estimated; differs: two real days within a year, day and month both different. */
  birthDate: [
    'exact',
    'swapped',
    'near',
    'year',
    'year-vs-day',
    'adjacent',
    'adjacent-vs-day',
    'differs',
    'disagree',
    'missing',
  ],
  sex: ['agree', 'disagree', 'missing'],
  nationality: ['agree', 'disagree', 'missing'],
  /** passage: the same Passage identifier (this system's own); same: the same number from the same
   * issuer; same-number: issuers differ or unknown; different: same issuer, different number (a
   * renewed passport, or another person). */
  identifier: ['passage', 'same', 'same-number', 'different', 'missing'],
  /** A phone number: people keep theirs across borders more often than their papers, and share it. */
  phone: ['same', 'different', 'missing'],
  /** same-relative: a link to the same relative in the same role; each-other: linked to one another. */
  family: ['same-relative', 'different-relative', 'each-other', 'missing'],
  arrival: ['same', 'close', 'disagree', 'missing'],
} as const satisfies Record<Field, readonly string[]>;

export type Level<F extends Field = Field> = (typeof LEVELS)[F][number];

/**
 * Chains of levels, strongest first, whose weights must not cross: a weaker agreement never weighs
 * more than a stronger one (so a record agrees best with itself). Term-frequency references are
 * shared along a chain for the same reason.
 */
export const ORDERED: Readonly<Partial<Record<Field, readonly (readonly string[])[]>>> = {
  name: [
    ['exact', 'variant', 'similar'],
    ['single', 'contained'],
  ],
  birthDate: [
    ['exact', 'swapped', 'near'],
    ['year', 'year-vs-day'],
    ['adjacent', 'adjacent-vs-day'],
  ],
  identifier: [['passage', 'same', 'same-number']],
};

/** ORDERED as level indexes, per field index. */
export function orderedChains(field: Field): number[][] {
  return (ORDERED[field] ?? []).map((chain) =>
    chain.map((level) => (LEVELS[field] as readonly string[]).indexOf(level)),
  );
}

/** Index of each field in comparison vectors. */
export const FIELD_INDEX: Readonly<Record<Field, number>> = Object.fromEntries(
  FIELDS.map((field, index) => [field, index]),
) as Record<Field, number>;

export const LEVEL_COUNTS: readonly number[] = FIELDS.map((field) => LEVELS[field].length);

export function isMissing(field: number, level: number): boolean {
  return level === (LEVEL_COUNTS[field] as number) - 1;
}

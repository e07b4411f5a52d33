// Properties of recommend under the ECDC 2018 programme: it never throws for valid input, always
// answers every item once, and every reason built on a table figure cites its source and year.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CVX_CODES, DEFAULT_PROGRAMME, SCREENING_KINDS, recommend } from './index.ts';
import type { Reason, RecommendationInput } from './index.ts';

const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const countries = [...Object.keys(DEFAULT_PROGRAMME.table.countries), 'ZZ', 'GB', 'DE', 'BJ', 'la'];
const country = fc.constantFrom(...countries);
const icd10 = fc.constantFrom(
  'B20',
  'B24.0',
  'Z21',
  'B18.1',
  'B182',
  'A15.3',
  'Z22.7',
  'B65.1',
  'B78',
  'J45',
  'x',
);

const input: fc.Arbitrary<RecommendationInput> = fc
  .record({
    today: isoDate('2015-01-01', '2035-12-31'),
    ageDays: fc.integer({ min: 0, max: 365 * 100 }),
    sex: fc.constantFrom('male', 'female', 'other', 'unknown'),
    pregnant: fc.option(fc.boolean(), { nil: undefined }),
    origin: country,
    transit: fc.array(
      fc.record({
        country,
        from: fc.option(isoDate('2010-01-01', '2035-12-31'), { nil: undefined }),
        to: fc.option(isoDate('2010-01-01', '2035-12-31'), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    arrivalDate: fc.option(isoDate('2010-01-01', '2035-12-31'), { nil: undefined }),
    screenings: fc.array(
      fc.record({
        kind: fc.constantFrom(...SCREENING_KINDS),
        date: isoDate('2000-01-01', '2035-12-31'),
        result: fc.option(fc.string(), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    immunizations: fc.array(
      fc.record({
        vaccine: fc.constantFrom(...CVX_CODES),
        date: fc.option(isoDate('1930-01-01', '2035-12-31'), { nil: undefined }),
        documented: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    conditions: fc.array(
      icd10.map((code) => ({ icd10: code })),
      { maxLength: 3 },
    ),
  })
  .map(({ today, ageDays, screenings, immunizations, conditions, ...rest }) => ({
    ...rest,
    today,
    birthDate: new Date(Date.parse(`${today}T00:00:00Z`) - ageDays * 86_400_000).toISOString().slice(0, 10),
    recorded: { screenings, immunizations, conditions },
  }));

/** A reason that quotes a table figure or list must say where it comes from. */
function cites(reason: Reason): boolean {
  const fromTable = reason.params.value !== undefined || ['endemic', 'not-endemic'].includes(reason.code);
  if (!fromTable) return true;
  return (
    typeof reason.params.source === 'string' &&
    reason.params.source !== '' &&
    typeof reason.params.year === 'number'
  );
}

describe('recommend (properties)', () => {
  it('never throws, answers each item once, and cites source and year for table figures', () => {
    fc.assert(
      fc.property(input, (person) => {
        const recs = recommend(person);
        expect(recs).toHaveLength(13);
        expect(new Set(recs.map((r) => r.id)).size).toBe(13);
        for (const rec of recs) {
          for (const reason of [rec.reason, ...rec.notes]) {
            expect(cites(reason), `${rec.id}: ${reason.code}`).toBe(true);
            expect(reason.text).not.toMatch(/undefined|NaN|\?/);
          }
          if (rec.status === 'done') expect(rec.doneBy).toBeDefined();
          if (rec.status !== 'due') continue;
          if (rec.kind === 'screening') expect(rec.tests.length).toBeGreaterThan(0);
          else expect(rec.vaccines.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// Property: a registration is still recognised as its person after any one variation another border
// introduces — graded certain or probable, weighing no more than the record against itself, and more
// against its original than against anyone else in the register. Holds for records with evidence to
// spare (their copy scores well above `probable`); variations that remove a name part or the birth
// date may leave only `possible`, and someone else may then fit the little that is left as well.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyVariation, VARIATIONS, type Variation } from '../demo/duplicates.ts';
import { generatePopulation } from '../demo/population.ts';
import { createRandom } from '../demo/random.ts';
import { defaultModel } from './default-model.ts';
import { compileModel } from './model.ts';

const REMOVING: ReadonlySet<Variation> = new Set(['singleName', 'partDropped', 'birthDateMissing']);
const MARGIN = 10;

describe('a record matches itself under every variation applied alone', () => {
  // A register of people who do not share name, sex and birth date (namesakes are the other test).
  const people = generatePopulation({ count: 1500, seed: 77, managingOrganizations: [] });
  const matcher = compileModel(defaultModel(), { registerSize: people.length });
  const seen = new Set<string>();
  const register = people
    .map((person) => ({ person, features: matcher.prepare(person.patient) }))
    .filter(({ person, features }) => {
      const key = `${features.names
        .map((u) => u.tfKey)
        .sort()
        .join(' ')}|${person.patient.birthDate}|${features.sex}`;
      return !seen.has(key) && seen.add(key);
    });
  const distinctive = register.filter(({ person, features }) => {
    const copy = matcher.prepare(structuredClone(person.patient));
    return matcher.score(features, copy).logOdds >= matcher.model.thresholds.probable + MARGIN;
  });

  it('has most of the register to test', () => {
    expect(distinctive.length).toBeGreaterThan(register.length * 0.85);
  });

  it('holds for every variation', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: distinctive.length - 1 }),
        fc.constantFrom(...VARIATIONS),
        fc.integer(),
        (index, variation, seed) => {
          const { person, features } = distinctive[index] as (typeof distinctive)[number];
          const varied = matcher.prepare(
            applyVariation(person.patient, variation, createRandom(seed), person.origin),
          );
          const score = matcher.score(features, varied);
          const accepted = REMOVING.has(variation)
            ? ['certain', 'probable', 'possible']
            : ['certain', 'probable'];
          expect(accepted, `${variation}: ${score.grade}`).toContain(score.grade);
          expect(score.weight).toBeLessThanOrEqual(matcher.weight(features, features) + 1e-9);
          // With only one name part left, another person may carry just that name: no ranking then.
          if (REMOVING.has(variation)) return;
          for (const other of register) {
            if (other.features !== features)
              expect(matcher.weight(varied, other.features)).toBeLessThanOrEqual(score.weight + 1e-9);
          }
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });
});

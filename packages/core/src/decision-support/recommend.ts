/**
 * Decides, for a newly arrived person, which infectious-disease screenings to offer and which
 * vaccines to catch up, each with its reason and whether it is already done (ECDC 2018 by default).
 */
import { unprocessable } from '../errors.ts';
import { createContext } from './context.ts';
import { DEFAULT_PROGRAMME } from './ecdc-2018.ts';
import { RecommendationInputSchema } from './input.ts';
import type { RecommendationInput } from './input.ts';
import { pathOf, plainError } from './programme.ts';
import type { ScreeningProgramme } from './programme.ts';
import type { Recommendation } from './recommendation.ts';
import { screeningRecommendations } from './screening-rules.ts';
import { vaccinationRecommendations } from './vaccination-rules.ts';

/**
 * Every screening and catch-up vaccine, in a fixed order, with status `due`, `done` or
 * `not-applicable`. Throws a 422 PassageError naming each invalid field when the input is invalid.
 */
export function recommend(
  input: RecommendationInput,
  programme: ScreeningProgramme = DEFAULT_PROGRAMME,
): Recommendation[] {
  const parsed = RecommendationInputSchema.safeParse(input, { error: plainError });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const expression = pathOf(issue.path);
      return { expression, message: `${expression}: ${issue.message}`, type: 'invalid' };
    });
    throw unprocessable('The person’s data cannot be assessed.', issues);
  }
  const ctx = createContext(parsed.data, programme);
  return [...screeningRecommendations(ctx), ...vaccinationRecommendations(ctx)];
}

// The model scoreMatch uses until a server trains one on its own register: trained on generated
// registrations (reference-model.ts); regenerate default-model.json with
// `PASSAGE_WRITE_DEFAULT_MODEL=1 vitest run --project core packages/core/src/identity/benchmark.test.ts`.
import stored from './default-model.json' with { type: 'json' };
import { compileModel, loadModel, type LinkageModel, type Matcher } from './model.ts';

let model: LinkageModel | undefined;
let matcher: Matcher | undefined;

export function defaultModel(): LinkageModel {
  model ??= loadModel(stored);
  return model;
}

/** The default model compiled, once. */
export function defaultMatcher(): Matcher {
  matcher ??= compileModel(defaultModel());
  return matcher;
}

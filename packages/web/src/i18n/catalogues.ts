/**
 * Translation catalogues: the shell's in src/translations and one per feature folder
 * (src/<feature>/translations/<lang>.json), so features keep their texts beside their code and can be
 * worked on side by side. All are merged into one namespace; a test keeps keys unique across features.
 */
export type Catalogue = Record<string, string>;

const files = import.meta.glob<Catalogue>(['../translations/*.json', '../*/translations/*.json'], {
  eager: true,
  import: 'default',
});

/** Per source folder ('shell' for src/translations), per language. */
export const FEATURE_CATALOGUES: Record<string, Record<string, Catalogue>> = {};
for (const [path, catalogue] of Object.entries(files)) {
  const match = /^\.\.\/(?:([\w-]+)\/)?translations\/([\w-]+)\.json$/.exec(path);
  if (!match) continue;
  const feature = match[1] ?? 'shell';
  const language = match[2] as string;
  (FEATURE_CATALOGUES[feature] ??= {})[language] = catalogue;
}

/** Per language, every feature's messages merged. */
export const CATALOGUES: Record<string, Catalogue> = {};
for (const byLanguage of Object.values(FEATURE_CATALOGUES)) {
  for (const [language, catalogue] of Object.entries(byLanguage)) {
    Object.assign((CATALOGUES[language] ??= {}), catalogue);
  }
}

// Which writing system a name is typed in. Decided by the Unicode Script property of its letters only:
// digits, punctuation, spaces and combining marks (Script=Common/Inherited) do not count.

export type NameScript =
  'latin' | 'arabic' | 'cyrillic' | 'ethiopic' | 'georgian' | 'bengali' | 'other' | 'mixed';

/** A single script; 'mixed' is only a verdict on a whole text. */
export type LetterScript = Exclude<NameScript, 'mixed'>;

const SCRIPTS: readonly (readonly [Exclude<LetterScript, 'other'>, RegExp])[] = [
  ['latin', /\p{Script=Latin}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['ethiopic', /\p{Script=Ethiopic}/u],
  ['georgian', /\p{Script=Georgian}/u],
  ['bengali', /\p{Script=Bengali}/u],
];

const LETTER = /\p{L}/u;
// Modifier letters shared by scripts (Ukrainian apostrophe ʼ U+02BC, Arabic tatweel) are not evidence.
const SHARED = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** The script of one character, or undefined when it is not a letter (space, digit, mark, punctuation). */
export function letterScript(char: string): LetterScript | undefined {
  if (!LETTER.test(char) || SHARED.test(char)) return undefined;
  for (const [script, pattern] of SCRIPTS) if (pattern.test(char)) return script;
  return 'other';
}

/**
 * The script of a name: one of the supported scripts, 'other' for any other script or for text with no
 * letters at all, and 'mixed' when letters of two or more scripts occur.
 */
export function detectScript(text: string): NameScript {
  let found: LetterScript | undefined;
  for (const char of text) {
    const script = letterScript(char);
    if (script === undefined || script === found) continue;
    if (found !== undefined) return 'mixed';
    found = script;
  }
  return found ?? 'other';
}

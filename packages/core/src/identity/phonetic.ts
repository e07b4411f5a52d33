// A phonetic key for the names migrants carry, as officers of different languages write them: Soundex
// and Metaphone are built for English surnames and miss what varies here — sh/ch/sch/tch (Shevchenko,
// Chevtchenko), kh/h (Khaled, Halid), j/y/i/dj at the start (Julia, Yuliia; Diallo, Jallow), w/v
// (Wolodymyr), g/h (Serhii, Sergei), d/t, z/s, ou/u and ee/i and every other vowel, doubled letters,
// a silent h after a vowel (Zahrah, Ahmed).
// The key is the consonant skeleton after folding those, vowels and a leading y/j/i glide dropped
// (Ibrahim = Brahim, Yelena = Elena). Coarse on purpose: it finds candidates, the comparator decides.

const RULES: readonly (readonly [RegExp, string])[] = [
  [/[^a-z]/g, ''],
  [/(.)\1+/g, '$1'], // Aissha = Aisha, before digraphs are read
  [/ow$/, 'o'], // Jallow = Jalloh
  [/(?<=i)j$/, ''], // Jurij = Yurii
  [/^ou(?=[aeiy])/, 'w'], // Oualid = Walid
  [/^(?:dzh|dj|di(?=[aeiou])|j|y|i(?=[aeiou]))/, ''], // Djallo, Diallo, Jallow; Yuliia, Julia, Iuliia
  [/t?sch|tch|ch|sh|sz|cz/g, 'S'],
  [/zh|dzh|dj/g, 'j'],
  [/ph/g, 'f'],
  [/(?<=[kgtdb])h/g, ''], // Akhter = Akter, Mikhail = Mikail, Bhuiyan
  [/c(?=[eiy])/g, 's'],
  [/ck|c|q/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/g/g, 'h'], // Cyrillic Г: Serhii = Sergei, Olha = Olga
  [/d/g, 't'], // Dawit = David
  [/z/g, 's'],
  [/(?<=[aeiouy])h(?![aeiouy])/g, ''], // Ahmed = Amed, Zahrah = Zahra, Bohdan = Bogdan
  [/(.)\1+/g, '$1'],
  [/[aeiouy]/g, ''],
];

/**
 * The phonetic key of a name part given as a lower-case Latin comparison key (nameKey). Empty for
 * text with no Latin letters.
 */
export function phoneticKey(key: string): string {
  let s = key;
  for (const [pattern, replacement] of RULES) s = s.replace(pattern, replacement);
  // Names of vowels only (Aya) share one key; the string comparator still tells them apart.
  return s === '' && /[a-z]/.test(key) ? 'a' : s;
}

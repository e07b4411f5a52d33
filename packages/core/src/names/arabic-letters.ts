// Letter-by-letter reading of an Arabic-script word the lexicon does not know: a simplified UNGEGN /
// ALA-LC romanisation without diacritics (ش sh, خ kh, ث th, ذ dh, غ gh, ق q, ع omitted or ', ح h, ص s,
// ض d, ط t, ظ z), with the Persian (چ ch, پ p, ژ zh, گ g), Urdu (ٹ t, ڈ d, ڑ r, ں n), Pashto and Kurdish
// letters. Unvocalised script does not write short vowels, so they are guessed: the word's harakat when
// it has them, otherwise 'a' to break up consonant clusters. The result is a starting point for the clinician,
// which is why it ranks below every lexicon spelling.

export type ArabicScriptLanguage = 'ar' | 'fa' | 'prs' | 'ps' | 'ur';

// prettier-ignore
const CONSONANTS: Readonly<Record<string, string>> = {
  ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh',
  ص: 's', ض: 'd', ط: 't', ظ: 'z', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ک: 'k', ڪ: 'k', ل: 'l', م: 'm',
  ن: 'n', پ: 'p', چ: 'ch', ژ: 'zh', گ: 'g', ڭ: 'g', ڨ: 'g', ڤ: 'v', ۋ: 'v', ڠ: 'ng', ٹ: 't', ڈ: 'd',
  ڑ: 'r', ں: 'n', ټ: 't', ډ: 'd', ړ: 'r', ږ: 'zh', ښ: 'sh', ځ: 'dz', څ: 'ts', ڼ: 'n', ګ: 'g',
  ڕ: 'r', ڵ: 'l',
};

// Persian, Dari, Pashto and Urdu pronounce ث ذ ض ظ as s z z z; Iranian usage writes ق gh and و v.
const NON_ARABIC = { ث: 's', ذ: 'z', ض: 'z', ظ: 'z' };
const OVERRIDES: Readonly<Record<ArabicScriptLanguage, Readonly<Record<string, string>>>> = {
  ar: {},
  fa: { ...NON_ARABIC, ق: 'gh', و: 'v' },
  prs: NON_ARABIC,
  ps: NON_ARABIC,
  ur: NON_ARABIC,
};

const HARAKAT: Readonly<Record<string, string>> = {
  '\u064E': 'a',
  '\u064F': 'u',
  '\u0650': 'i',
  '\u0652': '',
  '\u0670': 'a',
};
const SHADDA = '\u0651';
const ALEFS = new Set('اٱٲٳآأإ');
const YEHS = new Set('يیېۍےى');
const VOWEL_LETTERS = new Set([...ALEFS, ...YEHS, 'و']);

interface Unit {
  kind: 'C' | 'V';
  text: string;
  /** ع, ء and hamza seats: silent, or an apostrophe in the second reading. */
  glottal?: boolean;
  /** Urdu ھ: an aspirate joined to the consonant before it (bh, ph, kh). */
  aspirate?: boolean;
  double?: boolean;
  vowel?: string;
}

function parse(word: string, language: ArabicScriptLanguage): Unit[] {
  const chars = [...word.normalize('NFKC').replace(/\u0640/g, '')];
  const letters = chars.filter((char) => !/\p{M}/u.test(char));
  const consonant = (char: string) => OVERRIDES[language][char] ?? CONSONANTS[char];
  const persian = language === 'fa';
  const units: Unit[] = [];
  let position = -1;
  for (const char of chars) {
    const last = units[units.length - 1];
    if (/\p{M}/u.test(char)) {
      if (!last) continue;
      if (char === SHADDA) last.double = true;
      else if (HARAKAT[char] !== undefined) {
        if (last.kind === 'V' && ALEFS.has(word[0] ?? '') && units.length === 1) last.text = HARAKAT[char];
        else last.vowel = HARAKAT[char];
      }
      continue;
    }
    position++;
    const first = position === 0;
    const final = position === letters.length - 1;
    const next = letters[position + 1];
    const afterVowel = last?.kind === 'V';
    const beforeVowel = next !== undefined && VOWEL_LETTERS.has(next);
    if (ALEFS.has(char)) {
      if (first || char === 'ا' || char === 'آ' || char === 'ٱ')
        units.push({ kind: 'V', text: char === 'إ' ? 'i' : 'a' });
      else units.push({ kind: 'C', text: '', glottal: true });
    } else if (char === 'ى') units.push({ kind: 'V', text: 'a' });
    else if (char === 'ے' || char === 'ې' || char === 'ێ' || char === 'ە')
      units.push({ kind: 'V', text: 'e' });
    else if (char === 'ۆ')
      units.push({ kind: 'V', text: 'o' }); // Kurdish writes its vowels
    else if (char === 'ۍ') units.push({ kind: 'V', text: 'ai' });
    else if (char === 'ي' || char === 'ی') {
      units.push(first || afterVowel || beforeVowel ? { kind: 'C', text: 'y' } : { kind: 'V', text: 'i' });
    } else if (char === 'و') {
      const w = persian ? 'v' : 'w';
      units.push(
        first || afterVowel || beforeVowel
          ? { kind: 'C', text: w }
          : { kind: 'V', text: persian ? 'ou' : 'u' },
      );
    } else if (char === 'ئ')
      units.push(afterVowel ? { kind: 'V', text: 'i' } : { kind: 'C', text: '', glottal: true });
    else if (char === 'ؤ' || char === 'ء' || char === 'ع') units.push({ kind: 'C', text: '', glottal: true });
    else if (char === 'ة' || char === 'ۃ') units.push({ kind: 'V', text: persian ? 'eh' : 'a' });
    else if ((char === 'ه' || char === 'ہ' || char === 'ۀ') && final && !first && !afterVowel) {
      units.push({ kind: 'V', text: persian ? 'eh' : 'a' });
    } else if (char === 'ه' || char === 'ہ' || char === 'ۀ') units.push({ kind: 'C', text: 'h' });
    else if (char === 'ھ') units.push({ kind: 'C', text: 'h', aspirate: !first });
    else {
      const latin = consonant(char);
      if (latin !== undefined) units.push({ kind: 'C', text: latin });
    }
  }
  return units;
}

function consonantText(unit: Unit, apostrophes: boolean): string {
  if (unit.glottal) return apostrophes ? "'" : '';
  return unit.double && unit.text.length === 1 ? unit.text + unit.text : unit.text;
}

function spell(units: readonly Unit[], apostrophes: boolean, longVowels: boolean): string {
  const vocalised = units.some((unit) => unit.vowel !== undefined);
  const vowelText = (unit: Unit) => (longVowels ? ({ i: 'ee', u: 'oo' }[unit.text] ?? unit.text) : unit.text);
  let out = '';
  let openConsonant = false; // the previous consonant has no vowel after it
  units.forEach((unit, index) => {
    if (unit.kind === 'V') {
      out += vowelText(unit);
      openConsonant = false;
      return;
    }
    out += consonantText(unit, apostrophes);
    const next = units[index + 1];
    if (vocalised) {
      // A haraka before its own long vowel letter (فَا, فُو, فِي) is written once.
      out += next?.kind === 'V' && next.text === unit.vowel ? '' : (unit.vowel ?? '');
      openConsonant = !unit.vowel;
      return;
    }
    const breakCluster = next?.kind === 'C' && !next.aspirate && (index === 0 || openConsonant);
    // A final pair of consonants after a vowel takes a short one: Khalid, Hasan, not Khald, Hasn.
    const finalPair = next?.kind === 'C' && index === units.length - 2 && !openConsonant;
    if (breakCluster) out += 'a';
    else if (finalPair) out += units[index - 1]?.text === 'a' ? 'i' : 'a';
    openConsonant = !breakCluster && !finalPair;
  });
  return out;
}

/** Readings of one word, best first: plain, then with ' for ع and hamza, then with ee/oo long vowels. */
export function lettersToLatin(word: string, language: ArabicScriptLanguage = 'ar'): string[] {
  const units = parse(word, language);
  const readings = [spell(units, false, false), spell(units, true, false)];
  if (language === 'ur' || language === 'ps' || language === 'prs') readings.push(spell(units, false, true));
  const result: string[] = [];
  for (const reading of readings) {
    const text = reading.replace(/^'+|'+$/g, '').replace(/''+/g, "'");
    const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
    if (/[a-z]/i.test(text) && !result.includes(capitalised)) result.push(capitalised);
  }
  return result;
}

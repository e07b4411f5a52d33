// A Patient's names as comparable units, whatever script and order they were written in: each unit is
// one name part (Mohammed, Abd al-Rahman, Al-Hussein, Шевченко) with every key it may meet on another
// registration — its spelling, its variant families (the names module's table and the Arabic-script
// lexicon), phonetic keys and a Latin form for the string comparator. A native-script part is spelled
// through the names module's transliterations; a part written in both scripts becomes one unit.
import type { HumanName, Patient } from '@medplum/fhirtypes';
import { ARABIC_LEXICON } from '../names/arabic-lexicon.ts';
import { nameKey } from '../names/normalize.ts';
import { detectScript } from '../names/script.ts';
import { suggestTransliterations, type NameLanguage } from '../names/transliterate.ts';
import { nameVariantKey, nameVariants } from '../names/variants.ts';
import { LANGUAGE_EXT } from '../records/fhir-conventions.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { HONORIFICS, latinTokens, nameParts, type Token } from './latin-tokens.ts';
import { phoneticKey } from './phonetic.ts';

export interface NameUnit {
  /** Spelling keys: the nameKey of the Latin part, or of the part in its own script. */
  readonly spells: string[];
  /** Variant families: nameVariantKey of every Latin spelling, and 'lex:<row>' for lexicon rows. */
  readonly families: string[];
  readonly phonetics: string[];
  /** The first Latin key, for display and term frequency; '' when the part has no Latin form. */
  latin: string;
  /** Every Latin key (as typed, transliterated; at most MAX_FORMS), for the string comparator. */
  forms: string[];
  /** The family its frequency is counted under (Muhammad, محمد and Mohamed count as one name). */
  tfKey: string;
  /** As written, for explanations. */
  display: string;
  /** Identifying information in bits, −log2 of the family's frequency; set by the model. */
  info: number;
  /** The person's own given name (first given name, after Md./Mst.): siblings differ there. */
  own: boolean;
  /** A name the variant table or the lexicon knows: two known names in different families differ. */
  known: boolean;
  /** The keys above as interned numbers, and the Latin letters as a bit set: comparing is hot. */
  spellIds: Int32Array;
  familyIds: Int32Array;
  phoneticIds: Int32Array;
  /** Per form, its letters as a bit set. */
  letters: Int32Array;
}

const MAX_FORMS = 6;

const INTERNED = new Map<string, number>();

/** A process-wide number for a key: equal keys, equal numbers. Grows with the names seen, not records. */
function intern(key: string): number {
  let id = INTERNED.get(key);
  if (id === undefined) {
    id = INTERNED.size;
    INTERNED.set(key, id);
  }
  return id;
}

const NO_IDS = new Int32Array(0);

/** Fills in the interned numbers and letter set after the keys changed. */
export function seal(unit: NameUnit): NameUnit {
  unit.spellIds = Int32Array.from(unit.spells, intern);
  unit.familyIds = Int32Array.from(unit.families, intern);
  unit.phoneticIds = Int32Array.from(unit.phonetics, intern);
  unit.letters = Int32Array.from(unit.forms, (form) => {
    let letters = 0;
    for (let i = 0; i < form.length; i++) letters |= 1 << ((form.charCodeAt(i) - 97) & 31);
    return letters;
  });
  return unit;
}

/** Lexicon rows each Latin spelling appears in: a variant relation that is not transitive (Said). */
const LEXICON_ROWS: ReadonlyMap<string, readonly string[]> = (() => {
  const rows = new Map<string, string[]>();
  ARABIC_LEXICON.forEach((row, index) => {
    for (const part of row.split('|').slice(1)) {
      const key = nameKey(part.replace(/^(fa|ur|ps|ar):/, ''));
      const list = rows.get(key) ?? [];
      if (!list.includes(`lex:${index}`)) list.push(`lex:${index}`);
      rows.set(key, list);
    }
  });
  return rows;
})();

function known(key: string): boolean {
  return LEXICON_ROWS.has(key) || nameVariants(key).length > 1;
}

function pushNew(list: string[], value: string): void {
  if (value !== '' && !list.includes(value)) list.push(value);
}

/** Adds a Latin spelling's families and phonetic keys (and those of its article-less form: Alhussein). */
function addLatin(unit: NameUnit, key: string): void {
  const bare = /^(al|el)[a-z]{4,}$/.test(key) ? key.slice(2) : undefined;
  for (const form of bare ? [key, bare] : [key]) {
    if (known(form)) unit.known = true;
    pushNew(unit.families, nameVariantKey(form));
    for (const row of LEXICON_ROWS.get(form) ?? []) pushNew(unit.families, row);
    pushNew(unit.phonetics, phoneticKey(form));
  }
  if (unit.latin === '') unit.latin = key;
  if (unit.forms.length < MAX_FORMS) pushNew(unit.forms, key);
  if (unit.tfKey === '') unit.tfKey = nameVariantKey(bare && !known(key) ? bare : key);
}

function latinUnit(token: Token): NameUnit {
  const unit: NameUnit = {
    ...{
      spells: [token.key],
      families: [],
      phonetics: [],
      latin: '',
      forms: [],
      tfKey: '',
      display: token.display,
    },
    ...{
      info: 0,
      own: false,
      known: false,
      spellIds: NO_IDS,
      familyIds: NO_IDS,
      phoneticIds: NO_IDS,
      letters: NO_IDS,
    },
  };
  addLatin(unit, token.key);
  // Alahmad is spelled as Al-Ahmad is, just joined.
  if (/^(al|el)[a-z]{4,}$/.test(token.key)) unit.spells.push(token.key.slice(2));
  return seal(unit);
}

/** A bounded memo: the same few thousand names recur across a register, and keys cost regexes. */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let found = cache.get(key);
    if (found === undefined) {
      if (cache.size >= 50_000) cache.clear();
      found = compute(key);
      cache.set(key, found);
    }
    return found;
  };
}

/** Units of one name part ('<language>|<part>'), shared: callers copy them before changing them. */
const partTemplate = memo((cacheKey: string): readonly NameUnit[] => {
  const bar = cacheKey.indexOf('|');
  const part = cacheKey.slice(bar + 1);
  const script = detectScript(part);
  if (script === 'latin') return latinTokens(part).map(latinUnit);
  if (script === 'other') return [];
  return nativeUnits(part, (cacheKey.slice(0, bar) || undefined) as NameLanguage | undefined);
});

function copy(unit: NameUnit): NameUnit {
  // The interned arrays are shared until merge() replaces them.
  return {
    ...unit,
    spells: [...unit.spells],
    families: [...unit.families],
    phonetics: [...unit.phonetics],
    forms: [...unit.forms],
  };
}

const LANGUAGES = new Set<string>(['ar', 'fa', 'prs', 'ps', 'ur', 'ru', 'uk', 'be', 'bg', 'ti', 'am', 'ka']);

function nameLanguage(name: HumanName): NameLanguage | undefined {
  const code = name.extension?.find((e) => e.url === LANGUAGE_EXT)?.valueCode?.split('-')[0];
  return code && LANGUAGES.has(code) ? (code as NameLanguage) : undefined;
}

/** Units of one name part in a non-Latin script: one per word of its first transliteration. */
function nativeUnits(part: string, language: NameLanguage | undefined): NameUnit[] {
  const words = part.split(/\s+/).filter(Boolean);
  const latin = suggestTransliterations(part, language).map(latinTokens);
  const first = latin[0] ?? [];
  if (first.length === 0) {
    // No transliteration (Bengali script): the part can still meet itself.
    return words.map((word) => {
      const key = nameKey(word);
      const unit = {
        spells: [key],
        families: [key],
        phonetics: [],
        latin: '',
        forms: [],
        tfKey: key,
        display: word,
      };
      return seal({
        ...unit,
        info: 0,
        own: false,
        known: false,
        spellIds: NO_IDS,
        familyIds: NO_IDS,
        phoneticIds: NO_IDS,
        letters: NO_IDS,
      });
    });
  }
  return first.map((token, index) => {
    const spell = nameKey(first.length === words.length ? (words[index] as string) : part);
    const unit: NameUnit = {
      ...{ spells: [spell], families: [], phonetics: [], latin: '', forms: [], tfKey: '', display: '' },
      ...{
        info: 0,
        own: false,
        known: false,
        spellIds: NO_IDS,
        familyIds: NO_IDS,
        phoneticIds: NO_IDS,
        letters: NO_IDS,
      },
    };
    for (const tokens of latin)
      if (tokens.length === first.length) addLatin(unit, (tokens[index] as Token).key);
    unit.display = first.length === words.length ? (words[index] as string) : part;
    return seal(unit);
  });
}

function shares(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    for (let j = 0; j < b.length; j++) if (b[j] === x) return true;
  }
  return false;
}

/**
 * How surely two units are the same part written twice: 3 same spelling, 2 same family, 1 similar
 * (a typo: Jaro–Winkler ≥ 0.86; or an unlisted spelling that sounds the same: same phonetic key and
 * Jaro–Winkler ≥ 0.7). Two names the tables know in different families (Hassan, Hussein) are only
 * similar through a typo.
 */
export function unitAgreement(a: NameUnit, b: NameUnit): 0 | 1 | 2 | 3 {
  if (shares(a.spellIds, b.spellIds)) return 3;
  if (shares(a.familyIds, b.familyIds)) return 2;
  if (a.forms.length === 0 || b.forms.length === 0) return 0;
  const sounds = !(a.known && b.known) && shares(a.phoneticIds, b.phoneticIds);
  let jw = 0;
  for (let i = 0; i < a.forms.length; i++) {
    const x = a.forms[i] as string;
    for (let j = 0; j < b.forms.length; j++) {
      const y = b.forms[j] as string;
      // Without the same sound only a typo makes two forms similar: a letter or two, a length or two apart.
      if (
        !sounds &&
        (Math.abs(x.length - y.length) > 2 ||
          bitCount((a.letters[i] as number) ^ (b.letters[j] as number)) > 4)
      )
        continue;
      jw = Math.max(jw, jaroWinkler(x, y));
    }
  }
  if (a.known && b.known) return jw >= 0.92 ? 1 : 0;
  return jw >= 0.86 || (sounds && jw >= 0.7) ? 1 : 0;
}

function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function merge(into: NameUnit, unit: NameUnit): void {
  into.known ||= unit.known;
  for (const s of unit.spells) pushNew(into.spells, s);
  for (const f of unit.families) pushNew(into.families, f);
  for (const p of unit.phonetics) pushNew(into.phonetics, p);
  for (const f of unit.forms) if (into.forms.length < MAX_FORMS) pushNew(into.forms, f);
  if (!into.display.split(' / ').includes(unit.display)) into.display += ` / ${unit.display}`;
  if (into.latin === '' && unit.latin !== '') {
    // The Latin form's family is what other records' Latin names will be counted under.
    into.latin = unit.latin;
    into.tfKey = unit.tfKey;
  }
  seal(into);
}

/**
 * The name units of a Patient across all its names. Parts of one name stay apart (Hassan Hussein is
 * two people's worth of names); the same part on two names (native and Latin) becomes one unit: by
 * agreement, or by position when one of them has no Latin form to agree with (Bengali script).
 */
export function nameUnits(patient: Patient): NameUnit[] {
  const units: NameUnit[] = [];
  let previous: { parts: number; unitsOf: number[][] } | undefined;
  const own: { latin: boolean; unit: number }[] = [];
  for (const name of patient.name ?? []) {
    const language = nameLanguage(name) ?? '';
    const texts = nameParts(name);
    const parts = texts.map((part) => partTemplate(`${language}|${part}`).map(copy));
    const earlier = units.length;
    const taken = new Set<number>();
    const unitsOf = parts.map((own, p) =>
      own.map((unit, w) => {
        let best = -1;
        let bestAgreement = 0;
        for (let i = 0; i < earlier; i++) {
          const agreement = taken.has(i) ? 0 : unitAgreement(units[i] as NameUnit, unit);
          if (agreement > bestAgreement) [best, bestAgreement] = [i, agreement];
        }
        const positional = previous?.parts === parts.length ? previous.unitsOf[p]?.[w] : undefined;
        if (best < 0 && positional !== undefined && !taken.has(positional)) {
          const other = units[positional] as NameUnit;
          if (other.latin === '' || unit.latin === '') best = positional;
        }
        if (best < 0) return units.push(unit) - 1;
        taken.add(best);
        merge(units[best] as NameUnit, unit);
        return best;
      }),
    );
    if (parts.length > 0) previous = { parts: parts.length, unitsOf };
    const first = (name.given?.length ? unitsOf.flat() : []).find(
      (i) => !HONORIFICS.has(nameKey((units[i] as NameUnit).display.split(' / ').pop() ?? '')),
    );
    if (first !== undefined) own.push({ latin: detectScript(texts[0] as string) === 'latin', unit: first });
  }
  // Read from the Latin name where there is one: in other scripts Md. and Mst. are not recognised.
  const fromLatin = own.some((o) => o.latin);
  for (const o of own) if (o.latin || !fromLatin) (units[o.unit] as NameUnit).own = true;
  return units;
}

// Parsing of the compact name tables. Each row is 'native|Latin variant|Latin variant…', ordered from
// the most to the least common spelling. A leading 'f:' or 'm:' restricts a family name to one sex
// (e.g. Bengali 'Begum' or 'Akter', used by women).

export interface NameForm {
  /** The name as the person writes it, in their own script. */
  readonly native: string;
  /** Latin spellings a registering officer may have used, most common first; never empty. */
  readonly latin: readonly string[];
  /** latin[i] without diacritics, as systems that accept only ASCII store it. */
  readonly ascii: readonly string[];
  readonly sex?: 'male' | 'female';
}

function form(native: string, latin: readonly string[], sex: 'male' | 'female' | undefined): NameForm {
  const ascii = latin.map(foldToAscii);
  return sex ? { native, latin, ascii, sex } : { native, latin, ascii };
}

/** Removes diacritics the way many registration systems do (Traoré → Traore, Yılmaz → Yilmaz). */
export function foldToAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .replace(/[ɓƁ]/g, 'b')
    .replace(/[ɗƊ]/g, 'd')
    .replace(/ŋ/g, 'ng')
    .replace(/ɲ/g, 'ny')
    .replace(/[ɛ]/g, 'e')
    .replace(/[ɔ]/g, 'o');
}

function parseRow(row: string): { native: string; variants: string[]; sex?: 'male' | 'female' } {
  let body = row;
  let sex: 'male' | 'female' | undefined;
  if (body.startsWith('f:')) {
    sex = 'female';
    body = body.slice(2);
  } else if (body.startsWith('m:')) {
    sex = 'male';
    body = body.slice(2);
  }
  const parts = body.split('|').map((part) => part.trim());
  const native = parts[0] ?? '';
  if (native === '' || parts.some((part) => part === '')) throw new Error(`bad name row: ${row}`);
  return sex ? { native, variants: parts.slice(1), sex } : { native, variants: parts.slice(1) };
}

/** For names in a non-Latin script: every row must list at least one Latin transliteration. */
export function scriptNames(rows: readonly string[]): NameForm[] {
  return rows.map((row) => {
    const { native, variants, sex } = parseRow(row);
    if (variants.length === 0) throw new Error(`name without transliteration: ${row}`);
    return form(native, variants, sex);
  });
}

export function scriptName(row: string): NameForm {
  return scriptNames([row])[0] as NameForm;
}

/**
 * For names written in Latin script. The native form is itself a Latin spelling: the most common one
 * (nativeFirst, e.g. Traoré) or, where officers usually re-spell it, the least common (Somali Cabdi → Abdi).
 */
export function latinNames(rows: readonly string[], nativeFirst = true): NameForm[] {
  return rows.map((row) => {
    const { native, variants, sex } = parseRow(row);
    const latin: string[] = [];
    for (const candidate of nativeFirst ? [native, ...variants] : [...variants, native]) {
      if (!latin.includes(candidate)) latin.push(candidate);
    }
    return form(native, latin, sex);
  });
}

/** Ukrainian names with their Russian form and, for men's names, the patronymics derived from them. */
export interface CyrillicName {
  readonly uk: string;
  readonly ru: string;
  /** [son of (uk), daughter of (uk), son of (ru), daughter of (ru)]; only on men's names. */
  readonly patronymic?: readonly [string, string, string, string];
  readonly latin: readonly string[];
  readonly ascii: readonly string[];
}

/** Rows 'uk;ru;Latin|Latin…' or, for men, 'uk;ru;uk son;uk daughter;ru son;ru daughter;Latin|Latin…'. */
export function cyrillicNames(rows: readonly string[]): CyrillicName[] {
  return rows.map((row) => {
    const fields = row.split(';').map((field) => field.trim());
    const latin = (fields[fields.length - 1] ?? '').split('|').filter((part) => part !== '');
    const [uk, ru] = fields;
    if (!uk || !ru || latin.length === 0 || (fields.length !== 3 && fields.length !== 7)) {
      throw new Error(`bad Cyrillic name row: ${row}`);
    }
    if (fields.length === 7) {
      const [, , a, b, c, d] = fields as [string, string, string, string, string, string, string];
      return { uk, ru, patronymic: [a, b, c, d], latin, ascii: latin.map(foldToAscii) };
    }
    return { uk, ru, latin, ascii: latin.map(foldToAscii) };
  });
}

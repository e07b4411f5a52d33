/**
 * The Passage identifier printed on the person's card: eight symbols and a check symbol, grouped
 * `7K3M-Q9XR-4` so it can be read aloud and typed from a phone call.
 *
 * The alphabet has 31 symbols — digits and capitals without I, L, O, U and Z, which are misread as
 * 1, 1, 0, V and 2 — and 31 is prime, so a weighted sum modulo 31 catches every single mistyped
 * symbol and every swap of two neighbours (the two commonest errors in transcribed identifiers; the
 * same reasoning as ISO 7064). 31^8 ≈ 8.5 × 10^11 identifiers: random ones rarely collide, and the
 * store still refuses a duplicate.
 */

export const PASSAGE_ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXY';
const MODULUS = PASSAGE_ID_ALPHABET.length; // 31, prime
const DATA_LENGTH = 8;

/** Symbols people type for ones the alphabet leaves out. */
const LOOKALIKES: Readonly<Record<string, string>> = { I: '1', L: '1', O: '0', U: 'V', Z: '2' };

function value(symbol: string): number {
  return PASSAGE_ID_ALPHABET.indexOf(symbol);
}

/** The check symbol for eight data symbols. Weights 1…9; the check symbol carries weight 9. */
function checkSymbol(data: string): string {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += value(data[i] as string) * (i + 1);
  // Find c with sum + 9c ≡ 0 (mod 31); 9 × 7 = 63 ≡ 1, so 7 is the inverse of 9.
  const c = (((-sum * 7) % MODULUS) + MODULUS) % MODULUS;
  return PASSAGE_ID_ALPHABET[c] as string;
}

function format(symbols: string): string {
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/** A new random identifier; `randomInt(n)` returns an integer in [0, n). */
export function newPassageId(randomInt: (n: number) => number = secureRandomInt): string {
  let data = '';
  for (let i = 0; i < DATA_LENGTH; i++) data += PASSAGE_ID_ALPHABET[randomInt(MODULUS)];
  return format(data + checkSymbol(data));
}

export type PassageIdParse =
  { ok: true; id: string } | { ok: false; reason: 'length' | 'symbol' | 'check'; message: string };

/**
 * Reads what someone typed or a scanner returned: case, spaces, hyphens and look-alike letters are
 * forgiven; a wrong length, an unknown symbol or a failed check is not.
 */
export function parsePassageId(input: string): PassageIdParse {
  const symbols = input
    .toUpperCase()
    .replace(/[\s\-–—.]/g, '')
    .replace(/[ILOUZ]/g, (c) => LOOKALIKES[c] as string);
  if (symbols.length !== DATA_LENGTH + 1) {
    return {
      ok: false,
      reason: 'length',
      message: `A Passage identifier has ${DATA_LENGTH + 1} symbols; this has ${symbols.length}`,
    };
  }
  const bad = [...symbols].find((s) => value(s) < 0);
  if (bad !== undefined) {
    return { ok: false, reason: 'symbol', message: `'${bad}' does not occur in Passage identifiers` };
  }
  if (checkSymbol(symbols.slice(0, DATA_LENGTH)) !== symbols[DATA_LENGTH]) {
    return {
      ok: false,
      reason: 'check',
      message: 'This Passage identifier does not add up: a symbol is mistyped or two are swapped',
    };
  }
  return { ok: true, id: format(symbols) };
}

export function isPassageId(input: string): boolean {
  const parsed = parsePassageId(input);
  return parsed.ok && parsed.id === input;
}

function secureRandomInt(n: number): number {
  // Rejection sampling keeps the symbols uniform.
  const limit = Math.floor(256 / n) * n;
  const byte = new Uint8Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(byte);
    if ((byte[0] as number) < limit) return (byte[0] as number) % n;
  }
}

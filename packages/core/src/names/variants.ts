// Latin spelling variants of one name (Mohammed/Muhammad/Mohamed…), so that matching can treat them
// as the same name. Lookup is by nameKey: case, diacritics, spaces, hyphens and apostrophes do not
// matter (traore = Traoré, Abd Allah = Abdallah, N'Diaye = Ndiaye).
import { nameKey } from './normalize.ts';
import { VARIANT_FAMILIES } from './variant-table.ts';

const FAMILIES: readonly (readonly string[])[] = VARIANT_FAMILIES.map((row) => row.split('|'));

const FAMILY_BY_KEY: ReadonlyMap<string, readonly string[]> = new Map(
  FAMILIES.flatMap((family) => family.map((spelling) => [nameKey(spelling), family] as const)),
);

/**
 * The known variant family of a Latin-script name, most common spelling first, including the name
 * itself in its table spelling; a name not in the table is its own family of one.
 */
export function nameVariants(latinName: string): string[] {
  const family = FAMILY_BY_KEY.get(nameKey(latinName));
  if (family) return [...family];
  const trimmed = latinName.trim();
  return trimmed === '' ? [] : [trimmed];
}

/**
 * One comparison key for a whole variant family (the key of its most common spelling), or the name's
 * own nameKey when it is not in the table: equal keys mean "the same name, spelled differently".
 */
export function nameVariantKey(latinName: string): string {
  const family = FAMILY_BY_KEY.get(nameKey(latinName));
  return family ? nameKey(family[0] as string) : nameKey(latinName);
}

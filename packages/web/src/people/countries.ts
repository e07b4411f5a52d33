/**
 * Country and language choices. Names come from Intl.DisplayNames in the interface language, so no
 * name table is kept here; only the codes, since Intl cannot list the regions it knows.
 */

/** ISO 3166-1 alpha-2, every officially assigned code. */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV ' +
  'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ' +
  'ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE ' +
  'IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU ' +
  'NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM ' +
  'SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE ' +
  'VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/** Frequent countries of origin and transit of people arriving in Europe (population.md), listed first. */
export const FREQUENT_COUNTRIES: readonly string[] =
  'SY AF UA VE CO TR IQ PK BD NG ER SO GN ML CI SN MA TN EG IR GE LY SD ET GR IT ES'.split(' ');

/** The twelve languages Passage supports (languages.md), listed first. */
export const PASSAGE_LANGUAGES: readonly string[] = 'en fr es ar fa ur ru uk sq bm ff wo'.split(' ');

/** Other languages common among arrivals; any BCP 47 tag can still be typed. */
export const OTHER_LANGUAGES: readonly string[] = (
  'ps prs ti am so om ckb kmr tr bn pa hi ta ka hy az ha yo ig pcm tw ln sw rw ' +
  'snk man sus dyu zgh kab de it pt ro el bg sr bs hr mk zh vi ne my'
).split(' ');

export interface Option {
  value: string;
  label: string;
}

export interface OptionGroup {
  group: string;
  items: Option[];
}

function displayNames(language: string, type: 'region' | 'language'): (code: string) => string {
  try {
    const names = new Intl.DisplayNames([language, 'en'], { type });
    return (code) => names.of(code) ?? code;
  } catch {
    return (code) => code;
  }
}

export function countryName(code: string, language: string): string {
  return displayNames(language, 'region')(code);
}

/** A language's name in the interface language, and in itself when that differs ("Arabic · العربية"). */
export function languageName(code: string, language: string): string {
  const name = displayNames(language, 'language')(code);
  const own = displayNames(code, 'language')(code);
  return own && own !== name && own !== code ? `${name} · ${own}` : name;
}

function sorted(codes: readonly string[], name: (code: string) => string, language: string): Option[] {
  const collator = new Intl.Collator(language);
  return codes
    .map((value) => ({ value, label: name(value) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

export function countryOptions(language: string, labels: { frequent: string; all: string }): OptionGroup[] {
  const name = displayNames(language, 'region');
  const frequent = new Set(FREQUENT_COUNTRIES);
  return [
    { group: labels.frequent, items: sorted(FREQUENT_COUNTRIES, name, language) },
    {
      group: labels.all,
      items: sorted(
        COUNTRY_CODES.filter((c) => !frequent.has(c)),
        name,
        language,
      ),
    },
  ];
}

export function languageOptions(language: string, labels: { passage: string; other: string }): OptionGroup[] {
  const name = (code: string) => languageName(code, language);
  return [
    { group: labels.passage, items: PASSAGE_LANGUAGES.map((value) => ({ value, label: name(value) })) },
    { group: labels.other, items: sorted(OTHER_LANGUAGES, name, language) },
  ];
}

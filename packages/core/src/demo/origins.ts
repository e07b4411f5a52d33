// Countries of origin with their weights, age/sex profile, documentation habits and communities
// (name tables, the language names are written in, and the languages people speak).
// Weights follow the frequent origins of asylum applicants and arrivals in the EU/EEA plus people under
// temporary protection from Ukraine; see /work/shared/reference/population.md. Shares shift year to year.
import { ARABIC_FAMILY_MAGHREB, ARABIC_FAMILY_MASHRIQ, ARABIC_FEMALE, ARABIC_MALE } from './names/arabic.ts';
import { BENGALI_FAMILY, BENGALI_FEMALE, BENGALI_MALE } from './names/bengali.ts';
import { TIGRINYA_FEMALE, TIGRINYA_MALE } from './names/ethiopic.ts';
import { GEORGIAN_FAMILY, GEORGIAN_FEMALE, GEORGIAN_MALE } from './names/georgian.ts';
import {
  SOMALI_FEMALE,
  SOMALI_MALE,
  SPANISH_FAMILY,
  SPANISH_FEMALE,
  SPANISH_MALE,
  TURKISH_FAMILY,
  TURKISH_FEMALE,
  TURKISH_MALE,
} from './names/latin.ts';
import { AFGHAN_FAMILY, PERSIAN_FAMILY, PERSIAN_FEMALE, PERSIAN_MALE } from './names/persian.ts';
import type { NameForm } from './names/table.ts';
import { URDU_FAMILY, URDU_FEMALE, URDU_MALE } from './names/urdu.ts';
import {
  GUINEA_FAMILY,
  GUINEA_FEMALE,
  GUINEA_MALE,
  IVORIAN_FAMILY,
  IVORIAN_FEMALE,
  IVORIAN_MALE,
  MALI_FAMILY,
  MALI_FEMALE,
  MALI_MALE,
  NIGERIAN,
  SENEGAL_FAMILY,
  SENEGAL_FEMALE,
  SENEGAL_MALE,
} from './names/west-africa.ts';

/** How a name is composed; see buildName in population.ts. */
export type NameStyle =
  | 'given-father-family' // Syria: own name, often father's name, family name
  | 'given-father-grandfather' // Iraq, Egypt: triple name, family or tribal name optional
  | 'given-family' // Iran, Morocco, Tunisia, Georgia, West Africa
  | 'afghan' // own and father's name; many have no family name
  | 'urdu' // Muhammad + name, caste or family name
  | 'bengali' // Md./Mst. + name, family name
  | 'cyrillic' // given, patronymic, family
  | 'given-father' // Eritrea: own name + father's name, no family name
  | 'somali' // own, father's and grandfather's names
  | 'nigerian' // English first name + native name, family name
  | 'turkish' // one or two given names, family name
  | 'spanish'; // one or two given names, two surnames

/** Spoken-language sets (BCP 47), first is preferred, with their weights. */
export type LanguageSets = readonly (readonly [readonly string[], number])[];

export interface Community {
  readonly weight: number;
  readonly style: NameStyle;
  /** BCP 47 tag of the language the native name is written in. */
  readonly nameLanguage: string;
  readonly languages: LanguageSets;
  readonly male: readonly NameForm[];
  readonly female: readonly NameForm[];
  readonly family: readonly NameForm[];
  /** Extra first names some people carry before their native given name (English names in Nigeria). */
  readonly firstMale?: readonly NameForm[];
  readonly firstFemale?: readonly NameForm[];
  /** Probability that a family name is present, where it is optional. */
  readonly familyRate?: number;
  /** For the Cyrillic style: write the name in Ukrainian or Russian. */
  readonly cyrillic?: 'uk' | 'ru';
}

export interface Origin {
  /** ISO 3166-1 alpha-2. */
  readonly code: string;
  readonly weight: number;
  /** Age and sex profile: asylum applicants, or people fleeing war with their families (Ukraine). */
  readonly profile: 'asylum' | 'ukraine';
  /** Probability that the date of birth is an estimate recorded as 1 January. */
  readonly yearOnly: number;
  /** Probability that an adult has a passport or national ID number on record. */
  readonly documented: number;
  /** Document number patterns: A = letter, # = digit, anything else is literal. */
  readonly passport: string;
  readonly nationalId?: string;
  readonly communities: readonly Community[];
}

const none: readonly NameForm[] = [];

function community(
  weight: number,
  style: NameStyle,
  nameLanguage: string,
  languages: LanguageSets,
  names: { male: readonly NameForm[]; female: readonly NameForm[]; family?: readonly NameForm[] },
  extra: Partial<Pick<Community, 'firstMale' | 'firstFemale' | 'familyRate' | 'cyrillic'>> = {},
): Community {
  return { weight, style, nameLanguage, languages, family: none, ...names, ...extra };
}

const arabicMashriq = { male: ARABIC_MALE, female: ARABIC_FEMALE, family: ARABIC_FAMILY_MASHRIQ };
const arabicMaghreb = { male: ARABIC_MALE, female: ARABIC_FEMALE, family: ARABIC_FAMILY_MAGHREB };
const persian = { male: PERSIAN_MALE, female: PERSIAN_FEMALE, family: PERSIAN_FAMILY };
const afghan = { male: PERSIAN_MALE, female: PERSIAN_FEMALE, family: AFGHAN_FAMILY };
const urdu = { male: URDU_MALE, female: URDU_FEMALE, family: URDU_FAMILY };
const cyrillic = { male: none, female: none };
const guinea = { male: GUINEA_MALE, female: GUINEA_FEMALE, family: GUINEA_FAMILY };
const mali = { male: MALI_MALE, female: MALI_FEMALE, family: MALI_FAMILY };
const senegal = { male: SENEGAL_MALE, female: SENEGAL_FEMALE, family: SENEGAL_FAMILY };
const turkish = { male: TURKISH_MALE, female: TURKISH_FEMALE, family: TURKISH_FAMILY };
const spanish = { male: SPANISH_MALE, female: SPANISH_FEMALE, family: SPANISH_FAMILY };
const english = { firstMale: NIGERIAN.english.male, firstFemale: NIGERIAN.english.female };

export const ORIGINS: readonly Origin[] = [
  {
    code: 'SY',
    weight: 14,
    profile: 'asylum',
    yearOnly: 0.38,
    documented: 0.28,
    passport: 'N########',
    nationalId: '###########',
    communities: [
      community(
        85,
        'given-father-family',
        'ar',
        [
          [['ar'], 70],
          [['ar', 'en'], 15],
          [['ar', 'tr'], 15],
        ],
        arabicMashriq,
      ),
      community(
        15,
        'given-father-family',
        'ar',
        [
          [['ku', 'ar'], 80],
          [['ku', 'ar', 'tr'], 20],
        ],
        arabicMashriq,
      ),
    ],
  },
  {
    code: 'AF',
    weight: 12,
    profile: 'asylum',
    yearOnly: 0.75,
    documented: 0.1,
    passport: 'P########',
    nationalId: '####-####-#####',
    communities: [
      community(
        55,
        'afghan',
        'fa',
        [
          [['fa'], 60],
          [['fa', 'ps'], 20],
          [['fa', 'en'], 10],
          [['fa', 'ur'], 10],
        ],
        afghan,
      ),
      community(
        45,
        'afghan',
        'ps',
        [
          [['ps'], 50],
          [['ps', 'fa'], 40],
          [['ps', 'ur'], 10],
        ],
        afghan,
      ),
    ],
  },
  {
    code: 'UA',
    weight: 10,
    profile: 'ukraine',
    yearOnly: 0.03,
    documented: 0.75,
    passport: 'AA######',
    nationalId: '#########',
    communities: [
      community(
        75,
        'cyrillic',
        'uk',
        [
          [['uk'], 40],
          [['uk', 'ru'], 45],
          [['uk', 'en'], 15],
        ],
        cyrillic,
        {
          cyrillic: 'uk',
        },
      ),
      community(
        25,
        'cyrillic',
        'ru',
        [
          [['ru', 'uk'], 80],
          [['ru'], 20],
        ],
        cyrillic,
        { cyrillic: 'ru' },
      ),
    ],
  },
  {
    code: 'IQ',
    weight: 6,
    profile: 'asylum',
    yearOnly: 0.35,
    documented: 0.35,
    passport: 'A########',
    nationalId: '############',
    communities: [
      community(
        70,
        'given-father-grandfather',
        'ar',
        [
          [['ar'], 85],
          [['ar', 'en'], 15],
        ],
        arabicMashriq,
        {
          familyRate: 0.6,
        },
      ),
      community(
        30,
        'given-father-grandfather',
        'ar',
        [
          [['ckb', 'ar'], 70],
          [['ckb'], 15],
          [['ku', 'ar'], 15],
        ],
        arabicMashriq,
        {
          familyRate: 0.4,
        },
      ),
    ],
  },
  {
    code: 'IR',
    weight: 3,
    profile: 'asylum',
    yearOnly: 0.2,
    documented: 0.3,
    passport: 'A########',
    nationalId: '##########',
    communities: [
      community(
        70,
        'given-family',
        'fa',
        [
          [['fa'], 70],
          [['fa', 'en'], 30],
        ],
        persian,
      ),
      community(15, 'given-family', 'fa', [[['az', 'fa'], 100]], persian),
      community(
        15,
        'given-family',
        'fa',
        [
          [['ckb', 'fa'], 50],
          [['ku', 'fa'], 50],
        ],
        persian,
      ),
    ],
  },
  {
    code: 'PK',
    weight: 5,
    profile: 'asylum',
    yearOnly: 0.35,
    documented: 0.3,
    passport: 'AA#######',
    nationalId: '#####-#######-#',
    communities: [
      community(
        60,
        'urdu',
        'ur',
        [
          [['ur', 'pa'], 60],
          [['pa', 'ur'], 20],
          [['ur', 'en'], 20],
        ],
        urdu,
      ),
      community(
        40,
        'urdu',
        'ur',
        [
          [['ps', 'ur'], 80],
          [['ps'], 20],
        ],
        urdu,
      ),
    ],
  },
  {
    code: 'BD',
    weight: 5,
    profile: 'asylum',
    yearOnly: 0.35,
    documented: 0.3,
    passport: 'A########',
    nationalId: '##########',
    communities: [
      community(
        100,
        'bengali',
        'bn',
        [
          [['bn'], 55],
          [['bn', 'en'], 30],
          [['syl', 'bn'], 15],
        ],
        {
          male: BENGALI_MALE,
          female: BENGALI_FEMALE,
          family: BENGALI_FAMILY,
        },
      ),
    ],
  },
  {
    code: 'NG',
    weight: 4,
    profile: 'asylum',
    yearOnly: 0.3,
    documented: 0.25,
    passport: 'A########',
    nationalId: '###########',
    communities: [
      community(
        45,
        'nigerian',
        'en',
        [
          [['en', 'bin'], 50],
          [['pcm', 'en', 'bin'], 50],
        ],
        NIGERIAN.edo,
        english,
      ),
      community(
        20,
        'nigerian',
        'en',
        [
          [['en', 'ig'], 60],
          [['ig', 'en', 'pcm'], 40],
        ],
        NIGERIAN.igbo,
        english,
      ),
      community(
        20,
        'nigerian',
        'en',
        [
          [['en', 'yo'], 70],
          [['yo', 'en'], 30],
        ],
        NIGERIAN.yoruba,
        english,
      ),
      community(
        15,
        'nigerian',
        'en',
        [
          [['ha', 'en'], 70],
          [['ha'], 30],
        ],
        NIGERIAN.hausa,
      ),
    ],
  },
  {
    code: 'ER',
    weight: 4,
    profile: 'asylum',
    yearOnly: 0.65,
    documented: 0.05,
    passport: 'A#######',
    communities: [
      community(
        100,
        'given-father',
        'ti',
        [
          [['ti'], 60],
          [['ti', 'en'], 20],
          [['ti', 'ar'], 10],
          [['ti', 'am'], 10],
        ],
        {
          male: TIGRINYA_MALE,
          female: TIGRINYA_FEMALE,
        },
      ),
    ],
  },
  {
    code: 'SO',
    weight: 4,
    profile: 'asylum',
    yearOnly: 0.7,
    documented: 0.05,
    passport: 'P########',
    communities: [
      community(
        100,
        'somali',
        'so',
        [
          [['so'], 60],
          [['so', 'ar'], 20],
          [['so', 'en'], 20],
        ],
        {
          male: SOMALI_MALE,
          female: SOMALI_FEMALE,
        },
      ),
    ],
  },
  {
    code: 'GN',
    weight: 4,
    profile: 'asylum',
    yearOnly: 0.55,
    documented: 0.2,
    passport: 'A#######',
    communities: [
      community(
        55,
        'given-family',
        'ff',
        [
          [['ff', 'fr'], 60],
          [['ff'], 40],
        ],
        guinea,
      ),
      community(
        25,
        'given-family',
        'man',
        [
          [['man', 'fr'], 70],
          [['man'], 30],
        ],
        guinea,
      ),
      community(
        20,
        'given-family',
        'sus',
        [
          [['sus', 'fr'], 70],
          [['sus'], 30],
        ],
        guinea,
      ),
    ],
  },
  {
    code: 'ML',
    weight: 3,
    profile: 'asylum',
    yearOnly: 0.55,
    documented: 0.2,
    passport: 'AA#######',
    communities: [
      community(
        70,
        'given-family',
        'bm',
        [
          [['bm', 'fr'], 60],
          [['bm'], 40],
        ],
        mali,
      ),
      community(15, 'given-family', 'snk', [[['snk', 'bm', 'fr'], 100]], mali),
      community(15, 'given-family', 'ff', [[['ff', 'bm', 'fr'], 100]], mali),
    ],
  },
  {
    code: 'CI',
    weight: 3,
    profile: 'asylum',
    yearOnly: 0.45,
    documented: 0.25,
    passport: '##AA#####',
    nationalId: 'CI##########',
    communities: [
      community(
        100,
        'given-family',
        'fr',
        [
          [['fr', 'dyu'], 50],
          [['fr'], 30],
          [['fr', 'bci'], 20],
        ],
        {
          male: IVORIAN_MALE,
          female: IVORIAN_FEMALE,
          family: IVORIAN_FAMILY,
        },
      ),
    ],
  },
  {
    code: 'SN',
    weight: 2,
    profile: 'asylum',
    yearOnly: 0.45,
    documented: 0.25,
    passport: 'A#######',
    nationalId: '#############',
    communities: [
      community(
        70,
        'given-family',
        'wo',
        [
          [['wo', 'fr'], 70],
          [['wo'], 30],
        ],
        senegal,
      ),
      community(30, 'given-family', 'ff', [[['ff', 'wo', 'fr'], 100]], senegal),
    ],
  },
  {
    code: 'MA',
    weight: 4,
    profile: 'asylum',
    yearOnly: 0.3,
    documented: 0.35,
    passport: 'AA#######',
    nationalId: 'AA######',
    communities: [
      community(
        70,
        'given-family',
        'ar',
        [
          [['ar', 'fr'], 60],
          [['ar'], 30],
          [['ar', 'es'], 10],
        ],
        arabicMaghreb,
      ),
      community(
        30,
        'given-family',
        'ar',
        [
          [['zgh', 'ar', 'fr'], 50],
          [['zgh', 'ar'], 50],
        ],
        arabicMaghreb,
      ),
    ],
  },
  {
    code: 'TN',
    weight: 2,
    profile: 'asylum',
    yearOnly: 0.25,
    documented: 0.35,
    passport: 'A######',
    nationalId: '########',
    communities: [
      community(
        100,
        'given-family',
        'ar',
        [
          [['ar', 'fr'], 70],
          [['ar'], 20],
          [['ar', 'it'], 10],
        ],
        arabicMaghreb,
      ),
    ],
  },
  {
    code: 'EG',
    weight: 4,
    profile: 'asylum',
    yearOnly: 0.3,
    documented: 0.35,
    passport: 'A########',
    nationalId: '##############',
    communities: [
      community(
        100,
        'given-father-grandfather',
        'ar',
        [
          [['ar'], 70],
          [['ar', 'en'], 30],
        ],
        arabicMashriq,
        {
          familyRate: 0.15,
        },
      ),
    ],
  },
  {
    code: 'TR',
    weight: 5,
    profile: 'asylum',
    yearOnly: 0.1,
    documented: 0.5,
    passport: 'U########',
    nationalId: '###########',
    communities: [
      community(
        60,
        'turkish',
        'tr',
        [
          [['tr'], 70],
          [['tr', 'en'], 20],
          [['tr', 'de'], 10],
        ],
        turkish,
      ),
      community(
        40,
        'turkish',
        'tr',
        [
          [['ku', 'tr'], 80],
          [['ku'], 20],
        ],
        turkish,
      ),
    ],
  },
  {
    code: 'GE',
    weight: 2,
    profile: 'asylum',
    yearOnly: 0.05,
    documented: 0.8,
    passport: '##AA#####',
    nationalId: '###########',
    communities: [
      community(
        100,
        'given-family',
        'ka',
        [
          [['ka'], 40],
          [['ka', 'ru'], 50],
          [['ka', 'en'], 10],
        ],
        {
          male: GEORGIAN_MALE,
          female: GEORGIAN_FEMALE,
          family: GEORGIAN_FAMILY,
        },
      ),
    ],
  },
  {
    code: 'VE',
    weight: 4,
    profile: 'asylum',
    yearOnly: 0.05,
    documented: 0.5,
    passport: '#########',
    nationalId: 'V-########',
    communities: [
      community(
        100,
        'spanish',
        'es',
        [
          [['es'], 85],
          [['es', 'en'], 15],
        ],
        spanish,
      ),
    ],
  },
  {
    code: 'CO',
    weight: 4,
    profile: 'asylum',
    yearOnly: 0.05,
    documented: 0.6,
    passport: 'AA######',
    nationalId: '##########',
    communities: [
      community(
        100,
        'spanish',
        'es',
        [
          [['es'], 90],
          [['es', 'en'], 10],
        ],
        spanish,
      ),
    ],
  },
];

/** English display names for the language codes used above (static, so output never depends on ICU). */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  am: 'Amharic',
  ar: 'Arabic',
  az: 'Azerbaijani',
  bci: 'Baoulé',
  bin: 'Edo',
  bm: 'Bambara',
  bn: 'Bangla',
  ckb: 'Central Kurdish',
  de: 'German',
  dyu: 'Dyula',
  en: 'English',
  es: 'Spanish',
  fa: 'Persian',
  ff: 'Fula',
  fr: 'French',
  ha: 'Hausa',
  ig: 'Igbo',
  it: 'Italian',
  ka: 'Georgian',
  ku: 'Kurdish',
  man: 'Mandingo',
  pa: 'Punjabi',
  pcm: 'Nigerian Pidgin',
  ps: 'Pashto',
  ru: 'Russian',
  snk: 'Soninke',
  so: 'Somali',
  sus: 'Susu',
  syl: 'Sylheti',
  ti: 'Tigrinya',
  tr: 'Turkish',
  uk: 'Ukrainian',
  ur: 'Urdu',
  wo: 'Wolof',
  yo: 'Yoruba',
  zgh: 'Standard Moroccan Tamazight',
};

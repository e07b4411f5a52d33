import type { TranslationKey } from '../common/errors';

/**
 * What each agreement level of each compared field means (the levels of core's identity/fields.ts),
 * in the reviewer's language; the server's note adds the values compared, in English.
 */
export const LEVEL_TEXTS: Record<string, Record<string, TranslationKey>> = {
  name: {
    exact: 'identityLevelNameExact',
    variant: 'identityLevelNameVariant',
    similar: 'identityLevelNameSimilar',
    single: 'identityLevelNameSingle',
    contained: 'identityLevelNameContained',
    partial: 'identityLevelNamePartial',
    one: 'identityLevelNameOne',
    'other-given': 'identityLevelNameOtherGiven',
    disagree: 'identityLevelNameDisagree',
    missing: 'identityLevelMissing',
  },
  birthDate: {
    exact: 'identityLevelBirthExact',
    swapped: 'identityLevelBirthSwapped',
    near: 'identityLevelBirthNear',
    year: 'identityLevelBirthYear',
    'year-vs-day': 'identityLevelBirthYearVsDay',
    adjacent: 'identityLevelBirthAdjacent',
    'adjacent-vs-day': 'identityLevelBirthAdjacent',
    differs: 'identityLevelBirthDiffers',
    close: 'identityLevelBirthClose',
    disagree: 'identityLevelBirthDisagree',
    missing: 'identityLevelMissing',
  },
  sex: { agree: 'identityLevelAgree', disagree: 'identityLevelDisagree', missing: 'identityLevelMissing' },
  nationality: {
    agree: 'identityLevelAgree',
    disagree: 'identityLevelDisagree',
    missing: 'identityLevelMissing',
  },
  identifier: {
    passage: 'identityLevelIdPassage',
    same: 'identityLevelIdSame',
    'same-number': 'identityLevelIdSameNumber',
    different: 'identityLevelIdDifferent',
    missing: 'identityLevelMissing',
  },
  phone: {
    same: 'identityLevelPhoneSame',
    different: 'identityLevelPhoneDifferent',
    missing: 'identityLevelMissing',
  },
  family: {
    'same-relative': 'identityLevelFamilySame',
    'different-relative': 'identityLevelFamilyDifferent',
    'each-other': 'identityLevelFamilyEachOther',
    missing: 'identityLevelMissing',
  },
  arrival: {
    same: 'identityLevelArrivalSame',
    close: 'identityLevelArrivalClose',
    disagree: 'identityLevelArrivalDisagree',
    missing: 'identityLevelMissing',
  },
};

export function levelText(field: string, level: string | undefined): TranslationKey | undefined {
  return level ? LEVEL_TEXTS[field]?.[level] : undefined;
}

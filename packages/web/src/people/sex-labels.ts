import type { TranslationKey } from '../common/errors';

/** FHIR administrative gender, labelled with the shell's words. */
export const SEX_LABELS: Record<'male' | 'female' | 'other' | 'unknown', TranslationKey> = {
  female: 'sexFemale',
  male: 'sexMale',
  other: 'sexOther',
  unknown: 'sexUnknown',
};

export function sexLabel(gender: string | undefined): TranslationKey | undefined {
  return gender && gender in SEX_LABELS ? SEX_LABELS[gender as keyof typeof SEX_LABELS] : undefined;
}

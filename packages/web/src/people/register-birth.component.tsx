import { Fieldset, Group, NumberInput, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import {
  BIRTH_DATE_PRECISIONS,
  GENDERS,
  dateParts,
  estimatedBirthYear,
  localToday,
  type Registration,
} from '@passage/core';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import { Legend } from './register-names.component';
import { field, type SectionProps } from './form-state';
import { SEX_LABELS } from './sex-labels';

type Precision = Registration['birth']['precision'];

const PRECISION_LABELS: Record<Precision, TranslationKey> = {
  exact: 'peopleBirthExact',
  month: 'peopleBirthMonth',
  year: 'peopleBirthYearOnly',
  estimated: 'peopleBirthFromAge',
};

const LENGTH: Record<Exclude<Precision, 'estimated'>, number> = { exact: 10, month: 7, year: 4 };

/** Sex, and the date of birth with how precisely it is known. */
export function SexBirthSection({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const { birth } = form;
  const today = localToday();
  const setBirth = (patch: Partial<Registration['birth']>) => update({ birth: { ...birth, ...patch } });

  // Switching precision keeps what still fits: 1994-03-02 becomes 1994-03, then 1994.
  const setPrecision = (precision: Precision) => {
    if (precision === 'estimated')
      return setBirth({ precision, date: '', statedOn: birth.statedOn || today });
    const date = birth.date.slice(0, LENGTH[precision]);
    setBirth({ precision, date: date.length === LENGTH[precision] ? date : '' });
  };
  const estimatedYear =
    birth.precision === 'estimated' && birth.age !== null && dateParts(birth.statedOn) === 'day'
      ? estimatedBirthYear(birth.age, birth.statedOn)
      : undefined;

  return (
    <Fieldset legend={<Legend>{t('peopleSexBirthLegend')}</Legend>}>
      <Stack>
        <Radio.Group
          label={t('sex')}
          value={form.gender}
          onChange={(value) => update({ gender: value as Registration['gender'] })}
          withAsterisk
          {...field(errors, 'gender')}
        >
          <Group mt={6} gap="lg">
            {GENDERS.map((gender) => (
              <Radio key={gender} value={gender} label={t(SEX_LABELS[gender])} size="md" />
            ))}
          </Group>
        </Radio.Group>
        <Radio.Group
          label={t('peopleBirthKnownAs')}
          value={birth.precision}
          onChange={(value) => setPrecision(value as Precision)}
        >
          <Group mt={6} gap="lg">
            {BIRTH_DATE_PRECISIONS.map((precision) => (
              <Radio key={precision} value={precision} label={t(PRECISION_LABELS[precision])} size="md" />
            ))}
          </Group>
        </Radio.Group>
        {birth.precision === 'exact' && (
          <TextInput
            type="date"
            label={t('peopleBirthDate')}
            value={birth.date}
            onChange={(e) => setBirth({ date: e.currentTarget.value })}
            min="1900-01-01"
            max={today}
            dir="ltr"
            maw={260}
            withAsterisk
            {...field(errors, 'birth.date')}
          />
        )}
        {birth.precision === 'month' && (
          <TextInput
            type="month"
            label={t('peopleBirthMonthInput')}
            description={t('peopleFormatMonth')}
            placeholder="1994-03"
            value={birth.date}
            onChange={(e) => setBirth({ date: e.currentTarget.value })}
            min="1900-01"
            max={today.slice(0, 7)}
            dir="ltr"
            maw={260}
            withAsterisk
            {...field(errors, 'birth.date')}
          />
        )}
        {birth.precision === 'year' && (
          <TextInput
            label={t('peopleBirthYear')}
            placeholder="1994"
            value={birth.date}
            onChange={(e) => setBirth({ date: e.currentTarget.value.replace(/\D/g, '').slice(0, 4) })}
            inputMode="numeric"
            dir="ltr"
            maw={160}
            withAsterisk
            {...field(errors, 'birth.date')}
          />
        )}
        {birth.precision === 'estimated' && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NumberInput
                label={t('peopleStatedAge')}
                value={birth.age ?? ''}
                onChange={(value) => setBirth({ age: typeof value === 'number' ? value : null })}
                min={0}
                max={120}
                allowDecimal={false}
                allowNegative={false}
                dir="ltr"
                withAsterisk
                {...field(errors, 'birth.age')}
              />
              <TextInput
                type="date"
                label={t('peopleStatedOn')}
                value={birth.statedOn}
                onChange={(e) => setBirth({ statedOn: e.currentTarget.value })}
                max={today}
                dir="ltr"
                withAsterisk
                {...field(errors, 'birth.statedOn')}
              />
              <TextInput
                label={t('peopleHowEstimated')}
                placeholder={t('peopleHowEstimatedExample')}
                value={birth.how}
                onChange={(e) => setBirth({ how: e.currentTarget.value })}
                {...field(errors, 'birth.how')}
              />
            </SimpleGrid>
            {estimatedYear !== undefined && (
              <Text size="sm" role="status">
                {t('peopleEstimatedAs', { year: String(estimatedYear) })}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Fieldset>
  );
}

import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import type { FieldReason } from './identity.resource';
import classes from './identity.module.css';
import { levelText } from './reason-levels';

const FIELD_LABELS: Record<string, TranslationKey> = {
  name: 'identityFieldName',
  birthDate: 'identityFieldBirthDate',
  sex: 'sex',
  nationality: 'identityFieldNationality',
  identifier: 'identityFieldIdentifier',
  phone: 'identityFieldPhone',
  family: 'identityFieldFamily',
  arrival: 'identityFieldArrival',
};

/** A bar from the middle: towards the end side for the match, towards the start side against it. */
function WeightBar({ score, largest }: { score: number; largest: number }) {
  const size = `${Math.round((Math.abs(score) / largest) * 100)}%`;
  return (
    <div className={classes.weight} aria-hidden="true">
      {score !== 0 && (
        <div className={score > 0 ? classes.weightFor : classes.weightAgainst} style={{ inlineSize: size }} />
      )}
    </div>
  );
}

/** Why the pair scored as it did: each field's contribution and what the matcher saw. */
export function ScoreReasons({ fields }: { fields: readonly FieldReason[] }) {
  const { t, i18n } = useTranslation();
  const signed = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', {
    signDisplay: 'exceptZero',
    maximumFractionDigits: 2,
  });
  const largest = Math.max(1e-9, ...fields.map((f) => Math.abs(f.score)));
  return (
    <Stack gap="xs" component="section" aria-labelledby="score-reasons-title">
      <Title order={3} fz="h4" id="score-reasons-title">
        {t('identityReasonsTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('identityReasonsHint')}
      </Text>
      <Table withTableBorder verticalSpacing="xs" className={classes.reasons}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('identityReasonField')}</Table.Th>
            <Table.Th scope="col">{t('identityReasonWeight')}</Table.Th>
            <Table.Th scope="col">{t('identityReasonNote')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((reason) => {
            const label = FIELD_LABELS[reason.field];
            const level = levelText(reason.field, reason.level);
            return (
              <Table.Tr key={reason.field}>
                <Table.Th scope="row" fw={500}>
                  {label ? t(label) : reason.field}
                </Table.Th>
                <Table.Td>
                  <Stack gap={4}>
                    <Text
                      size="sm"
                      fw={600}
                      c={reason.score > 0 ? 'teal.9' : reason.score < 0 ? 'red.9' : 'dimmed'}
                    >
                      <bdi dir="ltr">{signed.format(reason.score)}</bdi>{' '}
                      {t(
                        reason.score > 0
                          ? 'identityWeightFor'
                          : reason.score < 0
                            ? 'identityWeightAgainst'
                            : 'identityWeightNeutral',
                      )}
                    </Text>
                    <WeightBar score={reason.score} largest={largest} />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {level && <Text size="sm">{t(level)}</Text>}
                  <Text size="sm" c={level ? 'dimmed' : undefined}>
                    <bdi>{reason.note}</bdi>
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

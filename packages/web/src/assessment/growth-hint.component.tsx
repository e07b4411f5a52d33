import { Badge, Group, Text } from '@mantine/core';
import type { GrowthResult } from '@passage/core';
import { useTranslation } from 'react-i18next';
import { selectKey, severity } from './growth';

const COLORS = { normal: 'teal.9', moderate: 'orange.9', severe: 'red.9' } as const;

/** The WHO z-scores that one measurement feeds, with their classification, under its field. */
export function GrowthHint({ results }: { results: readonly GrowthResult[] }) {
  const { t, i18n } = useTranslation();
  if (results.length === 0) return null;
  const z = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  });
  return (
    <Group gap="xs" mt={6} role="status" aria-live="polite">
      {results.map((r) => (
        <Text key={r.indicator} size="sm" component="div">
          {t('assessmentGrowthIndicator', { indicator: selectKey(r.indicator) })}{' '}
          <bdi>{t('assessmentZScore', { z: z.format(r.z) })}</bdi>{' '}
          <Badge color={COLORS[severity(r)]} variant="filled" size="sm">
            {r.flag
              ? t('assessmentGrowthImplausible')
              : t('assessmentGrowthClass', { value: selectKey(r.classification) })}
          </Badge>
        </Text>
      ))}
    </Group>
  );
}

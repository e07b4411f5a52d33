import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import type { CandidateGrade } from './identity.resource';

const GRADES: Record<CandidateGrade, { label: TranslationKey; color: string }> = {
  certain: { label: 'identityGradeCertain', color: 'red' },
  probable: { label: 'identityGradeProbable', color: 'orange' },
  possible: { label: 'identityGradePossible', color: 'yellow' },
};

/** How sure the matcher is that two records are one person, in words and colour. */
export function GradeBadge({ grade }: { grade: CandidateGrade }) {
  const { t } = useTranslation();
  const shown = GRADES[grade] ?? GRADES.possible;
  return (
    <Badge color={shown.color} variant="light" style={{ flexShrink: 0 }}>
      {t(shown.label)}
    </Badge>
  );
}

/** A share (a match probability, a scan's progress) as a percentage in the interface language ("92 %" in French). */
export function usePercent() {
  const { i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  return (score: number) => percent.format(Math.max(0, Math.min(1, score)));
}

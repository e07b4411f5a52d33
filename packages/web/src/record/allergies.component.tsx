import { allergyList } from '@passage/core';
import type { Resource } from '@medplum/fhirtypes';
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRecordText } from './record-text';
import { SensitiveMark, StatusBadge, SummaryCard } from './summary-card.component';
import classes from './record.module.css';

const SEVERITY_KEYS = {
  mild: 'recordSeverityMild',
  moderate: 'recordSeverityModerate',
  severe: 'recordSeveritySevere',
} as const;

/** Allergies and intolerances; a high-risk one is said in words, not only in red. */
export function AllergiesCard({ resources }: { resources: readonly Resource[] }) {
  const { t } = useTranslation();
  const text = useRecordText();
  const allergies = allergyList(resources);
  return (
    <SummaryCard title={t('recordAllergies')} empty={t('recordNoAllergies')} count={allergies.length}>
      <ul className={classes.items}>
        {allergies.map((item) => (
          <li key={item.allergy.id}>
            <Group gap="xs">
              <Text fw={item.active ? 600 : 400} c={item.active ? undefined : 'dimmed'}>
                <bdi>{item.substance}</bdi>
              </Text>
              {item.highRisk && <StatusBadge label={t('recordHighRisk')} tone="red" />}
              {item.severity && !item.highRisk && <StatusBadge label={t(SEVERITY_KEYS[item.severity])} />}
              {!item.active && <StatusBadge label={text.status('inactive')} />}
              {item.verificationStatus === 'unconfirmed' && (
                <Text size="xs" c="dimmed">
                  {t('recordReportedByPerson')}
                </Text>
              )}
              {item.sensitive && <SensitiveMark />}
            </Group>
            {item.reactions.length > 0 && (
              <Text size="sm" c="dimmed">
                <bdi>{item.reactions.join('; ')}</bdi>
              </Text>
            )}
          </li>
        ))}
      </ul>
    </SummaryCard>
  );
}

import { medicationList, type MedicationItem } from '@passage/core';
import type { Resource } from '@medplum/fhirtypes';
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRecordText } from './record-text';
import { SensitiveMark, SummaryCard } from './summary-card.component';
import classes from './record.module.css';

function Medication({ item, past }: { item: MedicationItem; past?: boolean }) {
  const text = useRecordText();
  return (
    <li>
      <Group gap="xs">
        <Text fw={past ? 400 : 600} c={past ? 'dimmed' : undefined}>
          <bdi>{text.coded(item.code, item.name)}</bdi>
        </Text>
        {item.sensitive && <SensitiveMark />}
      </Group>
      {(item.dosage || item.note) && (
        <Text size="sm" c="dimmed">
          <bdi>{[item.dosage, item.note].filter(Boolean).join(' · ')}</bdi>
        </Text>
      )}
    </li>
  );
}

/** Current medication as the person reported it; past medication below, dimmed. */
export function MedicationsCard({ resources }: { resources: readonly Resource[] }) {
  const { t } = useTranslation();
  const { current, past } = medicationList(resources);
  return (
    <SummaryCard
      title={t('recordMedication')}
      empty={t('recordNoMedication')}
      count={current.length + past.length}
    >
      {current.length > 0 && (
        <ul className={classes.items} aria-label={t('recordCurrentMedication')}>
          {current.map((item) => (
            <Medication key={item.statement.id} item={item} />
          ))}
        </ul>
      )}
      {past.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="xs">
            {t('recordPastMedication')}
          </Text>
          <ul className={classes.items} aria-label={t('recordPastMedication')}>
            {past.map((item) => (
              <Medication key={item.statement.id} item={item} past />
            ))}
          </ul>
        </>
      )}
    </SummaryCard>
  );
}

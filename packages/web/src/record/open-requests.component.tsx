import { openFollowUps, openRecommendations, openReferrals, type OpenRequest } from '@passage/core';
import type { Resource } from '@medplum/fhirtypes';
import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../common/confirm-dialog.component';
import { localDay } from './dates';
import { withRequestStatus, type RequestOutcome } from './record-updates';
import { saveResource } from './record.resource';
import { useRecordText } from './record-text';
import { SensitiveMark, StatusBadge, SummaryCard } from './summary-card.component';
import classes from './record.module.css';

const PRIORITY_KEYS = {
  urgent: 'recordPriorityUrgent',
  stat: 'recordPriorityEmergency',
  asap: 'recordPriorityUrgent',
} as const;

interface Closing {
  item: OpenRequest;
  outcome: RequestOutcome;
}

/** Referrals, recommended screenings and vaccines, and planned follow-ups not yet done or declined. */
export function OpenRequestsCard({
  resources,
  canWrite,
  onChanged,
}: {
  resources: readonly Resource[];
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const text = useRecordText();
  const today = localDay();
  const items = [
    ...openReferrals(resources, today),
    ...openRecommendations(resources, today),
    ...openFollowUps(resources, today),
  ];
  const [closing, setClosing] = useState<Closing | null>(null);

  async function close({ item, outcome }: Closing) {
    await saveResource(withRequestStatus(item.request, outcome));
    setClosing(null);
    onChanged();
  }

  const name = (item: OpenRequest) => text.coded(item.code, item.title);
  return (
    <SummaryCard title={t('recordOpenRequests')} empty={t('recordNoOpenRequests')} count={items.length}>
      <ul className={classes.items}>
        {items.map((item) => (
          <li key={item.request.id}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <div>
                <Group gap="xs">
                  <StatusBadge label={text.kind(item.kind)} />
                  <Text fw={600}>
                    <bdi>{name(item)}</bdi>
                  </Text>
                  {item.priority && item.priority !== 'routine' && (
                    <StatusBadge label={t(PRIORITY_KEYS[item.priority])} tone="red" />
                  )}
                  {item.sensitive && <SensitiveMark />}
                </Group>
                <Text size="xs" c={item.overdue ? 'red.9' : 'dimmed'} fw={item.overdue ? 600 : undefined}>
                  {item.due
                    ? t(item.overdue ? 'recordOverdueSince' : 'recordDueOn', { date: text.date(item.due) })
                    : item.authored && t('recordRequestedOn', { date: text.date(item.authored) })}
                </Text>
                {item.reason && (
                  <Text size="xs" c="dimmed">
                    <bdi>{item.reason}</bdi>
                  </Text>
                )}
              </div>
              {canWrite && (
                <Group gap="xs">
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => setClosing({ item, outcome: 'completed' })}
                    aria-label={t('recordMarkDoneOf', { request: name(item) })}
                  >
                    {t('recordMarkDone')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() => setClosing({ item, outcome: 'revoked' })}
                    aria-label={t('recordMarkDeclinedOf', { request: name(item) })}
                  >
                    {t('recordMarkDeclined')}
                  </Button>
                </Group>
              )}
            </Group>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        opened={closing !== null}
        title={closing?.outcome === 'completed' ? t('recordMarkDoneTitle') : t('recordMarkDeclinedTitle')}
        message={
          closing
            ? t(closing.outcome === 'completed' ? 'recordMarkDoneMessage' : 'recordMarkDeclinedMessage', {
                request: name(closing.item),
              })
            : ''
        }
        confirmLabel={closing?.outcome === 'completed' ? t('recordMarkDone') : t('recordMarkDeclined')}
        confirmColor={closing?.outcome === 'completed' ? 'blue' : 'red'}
        onConfirm={() => (closing ? close(closing) : Promise.resolve())}
        onClose={() => setClosing(null)}
      />
    </SummaryCard>
  );
}

import { problemList, type ProblemItem } from '@passage/core';
import type { Resource } from '@medplum/fhirtypes';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../common/confirm-dialog.component';
import { localDay } from './dates';
import { resolvedCondition } from './record-updates';
import { saveResource } from './record.resource';
import { useRecordText } from './record-text';
import { SensitiveMark, StatusBadge, SummaryCard } from './summary-card.component';
import classes from './record.module.css';

function Problem({ item, onResolve }: { item: ProblemItem; onResolve?: () => void }) {
  const { t } = useTranslation();
  const text = useRecordText();
  return (
    <li>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600}>
              <bdi>{text.coded(item.code, item.title)}</bdi>
            </Text>
            {item.code?.code && (
              <Text size="xs" c="dimmed" className={classes.code}>
                <bdi dir="ltr">{item.code.code}</bdi>
              </Text>
            )}
            {item.sensitive && <SensitiveMark />}
          </Group>
          <Group gap="xs">
            {item.verificationStatus && item.verificationStatus !== 'confirmed' && (
              <StatusBadge label={text.status(item.verificationStatus)} tone="orange" />
            )}
            {item.notifiable && <StatusBadge label={t('recordNotifiable')} tone="red" />}
            {item.since && (
              <Text size="xs" c="dimmed">
                {t('recordSince', { date: text.date(item.since) })}
              </Text>
            )}
            {item.abatement && (
              <Text size="xs" c="dimmed">
                {t('recordResolvedOn', { date: text.date(item.abatement) })}
              </Text>
            )}
          </Group>
        </Stack>
        {onResolve && (
          <Button
            size="compact-sm"
            variant="default"
            onClick={onResolve}
            style={{ flexShrink: 0 }}
            aria-label={t('recordMarkResolvedOf', { problem: text.coded(item.code, item.title) })}
          >
            {t('recordMarkResolved')}
          </Button>
        )}
      </Group>
    </li>
  );
}

/** Active problems (each can be marked resolved) and, below, the resolved ones. */
export function ProblemListCard({
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
  const { active, resolved } = problemList(resources);
  const [resolving, setResolving] = useState<ProblemItem | null>(null);

  async function resolve(item: ProblemItem) {
    const today = localDay();
    // Earlier records of the same problem are resolved too, or they would keep it on the active list.
    for (const condition of [item.condition, ...item.others]) {
      const status = condition.clinicalStatus?.coding?.[0]?.code ?? 'active';
      if (['active', 'recurrence', 'relapse'].includes(status))
        await saveResource(resolvedCondition(condition, today));
    }
    setResolving(null);
    onChanged();
  }

  return (
    <SummaryCard
      title={t('recordProblems')}
      empty={t('recordNoProblems')}
      count={active.length + resolved.length}
    >
      {active.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('recordNoActiveProblems')}
        </Text>
      ) : (
        <ul className={classes.items} aria-label={t('recordActiveProblems')}>
          {active.map((item) => (
            <Problem
              key={item.condition.id}
              item={item}
              onResolve={canWrite ? () => setResolving(item) : undefined}
            />
          ))}
        </ul>
      )}
      {resolved.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="xs">
            {t('recordResolvedProblems')}
          </Text>
          <ul className={classes.items} aria-label={t('recordResolvedProblems')}>
            {resolved.map((item) => (
              <Problem key={item.condition.id} item={item} />
            ))}
          </ul>
        </>
      )}
      <ConfirmDialog
        opened={resolving !== null}
        title={t('recordMarkResolvedTitle')}
        message={t('recordMarkResolvedMessage', {
          problem: resolving ? text.coded(resolving.code, resolving.title) : '',
          date: text.date(localDay()),
        })}
        confirmLabel={t('recordMarkResolved')}
        confirmColor="blue"
        onConfirm={() => (resolving ? resolve(resolving) : Promise.resolve())}
        onClose={() => setResolving(null)}
      />
    </SummaryCard>
  );
}

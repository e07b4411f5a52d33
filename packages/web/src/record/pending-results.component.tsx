import { pendingResults, type PendingResult } from '@passage/core';
import type { Resource } from '@medplum/fhirtypes';
import { Button, Group, Modal, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/error-alert.component';
import { dayOf, localDay } from './dates';
import { TEST_RESULTS, withTestResult, type TestResult } from './record-updates';
import { saveResource } from './record.resource';
import { useRecordText } from './record-text';
import { SensitiveMark, SummaryCard } from './summary-card.component';
import classes from './record.module.css';

const RESULT_KEYS = {
  positive: 'recordResultPositive',
  negative: 'recordResultNegative',
  indeterminate: 'recordResultIndeterminate',
} as const;

/** Enters the result of one pending test; the Observation becomes final with a coded value. */
function RecordResultModal({
  pending,
  onClose,
  onSaved,
}: {
  pending: PendingResult | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const text = useRecordText();
  const today = localDay();
  const [result, setResult] = useState<TestResult | ''>('');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ result?: string; date?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const taken = pending?.taken ? dayOf(pending.taken) : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!pending) return;
    const found: typeof errors = {};
    if (!result) found.result = t('recordChooseResult');
    if (!date) found.date = t('fieldRequired');
    else if (date > today) found.date = t('recordDateNotFuture');
    else if (taken && taken.length === 10 && date < taken) found.date = t('recordResultBeforeTest');
    setErrors(found);
    if (!result || Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const issued = date === today ? new Date().toISOString() : date;
      await saveResource(withTestResult(pending.observation, result, issued, note));
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened={pending !== null}
      onClose={onClose}
      title={pending ? t('recordResultFor', { test: text.coded(pending.code, pending.title) }) : ''}
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Radio.Group
            label={t('recordResult')}
            value={result}
            error={errors.result}
            withAsterisk
            onChange={(value) => setResult(TEST_RESULTS.find((r) => r === value) ?? '')}
          >
            <Group mt="xs">
              {TEST_RESULTS.map((r) => (
                <Radio key={r} value={r} label={t(RESULT_KEYS[r])} />
              ))}
            </Group>
          </Radio.Group>
          <TextInput
            type="date"
            label={t('recordResultDate')}
            value={date}
            max={today}
            error={errors.date}
            withAsterisk
            onChange={(e) => setDate(e.currentTarget.value)}
          />
          <Textarea
            label={t('recordNote')}
            value={note}
            maxLength={1000}
            autosize
            minRows={2}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Tests still waiting for their result, the longest waiting first. */
export function PendingResultsCard({
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
  const pending = pendingResults(resources);
  const [recording, setRecording] = useState<PendingResult | null>(null);
  return (
    <SummaryCard title={t('recordPendingResults')} empty={t('recordNoPendingResults')} count={pending.length}>
      <ul className={classes.items}>
        {pending.map((item) => (
          <li key={item.observation.id}>
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Group gap="xs">
                  <Text fw={600}>
                    <bdi>{text.coded(item.code, item.title)}</bdi>
                  </Text>
                  {item.sensitive && <SensitiveMark />}
                </Group>
                {item.taken && (
                  <Text size="xs" c="dimmed">
                    {t('recordTakenOn', { date: text.date(item.taken) })}
                  </Text>
                )}
              </div>
              {canWrite && (
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => setRecording(item)}
                  style={{ flexShrink: 0 }}
                  aria-label={t('recordEnterResultOf', { test: text.coded(item.code, item.title) })}
                >
                  {t('recordEnterResult')}
                </Button>
              )}
            </Group>
          </li>
        ))}
      </ul>
      {/* Keyed so each test opens a fresh form. */}
      <RecordResultModal
        key={recording?.observation.id ?? 'none'}
        pending={recording}
        onClose={() => setRecording(null)}
        onSaved={() => {
          setRecording(null);
          onChanged();
        }}
      />
    </SummaryCard>
  );
}

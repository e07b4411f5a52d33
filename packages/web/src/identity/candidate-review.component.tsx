import type { Patient } from '@medplum/fhirtypes';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session.context';
import { ErrorAlert } from '../common/error-alert.component';
import { useResource } from '../common/use-resource';
import { GradeBadge, usePercent } from './grade-badge.component';
import { dismissCandidate, mergeRecords, type Candidate, type MergeResult } from './identity.resource';
import { MergeDialog } from './merge-dialog.component';
import { countRecordEntries } from './record-counts.resource';
import { RecordComparison } from './record-comparison.component';
import { ScoreReasons } from './score-reasons.component';

interface CandidateReviewProps {
  candidate: Candidate;
  siteName: (id: string) => string;
  onMerged: (result: MergeResult, survivor: Patient, duplicate: Patient) => void;
  onDismissed: (candidate: Candidate) => void;
}

/** One pair: the records side by side, why they scored as they did, and the reviewer's decision. */
export function CandidateReview({ candidate, siteName, onMerged, onDismissed }: CandidateReviewProps) {
  const { t } = useTranslation();
  const me = useMe();
  const score = usePercent();
  const { a, b } = candidate;
  const can = (p: (typeof me.permissions)[number]) => me.permissions.includes(p);
  // Merging moves clinical data, so it needs both rights (at both records' sites: the server checks).
  const canDecide = can('demographics.write') && can('clinical.write');
  const counts = useResource(
    (signal) =>
      can('clinical.read')
        ? Promise.all([countRecordEntries(a.id ?? '', signal), countRecordEntries(b.id ?? '', signal)])
        : Promise.resolve(undefined),
    [a.id, b.id],
  );
  // The link that opened the pair is gone: the review's heading takes focus, so Tab continues from it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [merging, setMerging] = useState(false);
  const [dismissing, setDismissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const siteOf = (patient: Patient) => {
    const id = patient.managingOrganization?.reference?.replace(/^Organization\//, '');
    return id ? siteName(id) : '—';
  };

  async function dismiss() {
    setDismissing(true);
    setError(null);
    try {
      await dismissCandidate(candidate.id);
      onDismissed(candidate);
    } catch (caught) {
      setError(caught);
      setDismissing(false);
    }
  }

  async function merge(survivor: Patient, duplicate: Patient) {
    const result = await mergeRecords(survivor.id ?? '', duplicate.id ?? '', candidate.id);
    setMerging(false);
    onMerged(result, survivor, duplicate);
  }

  return (
    <Stack gap="lg" component="section" aria-labelledby="review-title">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={2} id="review-title" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {t('identityReviewTitle')}
        </Title>
        <Group gap="xs">
          <GradeBadge grade={candidate.grade} />
          <Text fw={600}>{t('identityScore', { score: score(candidate.score) })}</Text>
        </Group>
      </Group>
      <RecordComparison a={a} b={b} siteName={siteName} records={counts.data} />
      <ScoreReasons fields={candidate.fields} />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="decision-title">
        <Stack gap="sm">
          <Title order={3} fz="h4" id="decision-title">
            {t('identityDecisionTitle')}
          </Title>
          {canDecide ? (
            <Text size="sm">{t('identityDecisionHint')}</Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('identityDecisionNotAllowed')}
            </Text>
          )}
          <ErrorAlert error={error} />
          <Group gap="sm">
            <Button color="red" onClick={() => setMerging(true)} disabled={!canDecide}>
              {t('identityMergeAction')}
            </Button>
            <Button
              variant="default"
              onClick={() => void dismiss()}
              loading={dismissing}
              disabled={!canDecide}
            >
              {t('identityDismissAction')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {canDecide && (
        <MergeDialog
          key={merging ? 'open' : 'closed'}
          opened={merging}
          a={a}
          b={b}
          records={counts.data}
          siteName={siteOf}
          onMerge={merge}
          onClose={() => setMerging(false)}
        />
      )}
    </Stack>
  );
}

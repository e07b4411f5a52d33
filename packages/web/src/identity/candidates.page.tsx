import type { Patient } from '@medplum/fhirtypes';
import { Anchor, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../auth/session.context';
import { ErrorAlert } from '../common/error-alert.component';
import { Page } from '../common/page.component';
import { useResource } from '../common/use-resource';
import { fetchSites } from '../people/people.resource';
import { CandidateQueue } from './candidate-queue.component';
import { CandidateReview } from './candidate-review.component';
import { fetchCandidates, type MergeResult } from './identity.resource';
import { MergeOutcome } from './merge-outcome.component';
import { Notice } from './notice.component';
import { ScanProgress } from './scan-progress.component';
import { useScan } from './use-scan';

/** What the reviewer decided about a pair, shown above the queue. */
type Outcome = { pairId: string } & (
  { kind: 'merged'; result: MergeResult; survivor: Patient; duplicate: Patient } | { kind: 'dismissed' }
);

/**
 * The review queue of possible duplicates: records that may be one person registered twice (another
 * spelling, another border). A reviewer compares each pair side by side, then merges or dismisses it.
 */
export function CandidatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A pair just decided is left at once, before the URL catches up (navigation is a transition).
  const pairId = params.get('pair') === outcome?.pairId ? null : params.get('pair');
  const candidates = useResource((signal) => fetchCandidates(offset, signal), [offset]);
  const sites = useResource((signal) => fetchSites(signal).catch(() => []), []);
  const scan = useScan(candidates.reload);
  const canScan = me.permissions.includes('demographics.write');

  const siteNames = useMemo(() => {
    const names = new Map(me.roles.map((r) => [r.organizationId, r.organizationName]));
    for (const site of sites.data ?? []) names.set(site.id, site.name);
    return names;
  }, [me.roles, sites.data]);
  const siteName = (id: string) => siteNames.get(id) ?? id;

  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const text = next.toString();
    return text ? `?${text}` : '?';
  };
  const backToList = () => setParams(new URLSearchParams(link({ pair: null }).slice(1)));
  const goTo = (at: number) =>
    setParams(new URLSearchParams(link({ offset: at ? String(at) : null }).slice(1)));

  const selected = pairId ? candidates.data?.items.find((c) => c.id === pairId) : undefined;

  const scanButton = canScan && (
    <Button
      variant="default"
      onClick={scan.start}
      loading={scan.state.phase === 'starting'}
      disabled={scan.state.phase === 'running'}
    >
      {t('identityScanAction')}
    </Button>
  );

  const notice = outcome && (
    <>
      {outcome.kind === 'merged' && (
        <MergeOutcome
          result={outcome.result}
          survivor={outcome.survivor}
          duplicate={outcome.duplicate}
          onUndone={candidates.reload}
          onClose={() => setOutcome(null)}
        />
      )}
      {outcome.kind === 'dismissed' && (
        <Notice color="blue" onClose={() => setOutcome(null)}>
          {t('identityDismissed')}
        </Notice>
      )}
    </>
  );

  return (
    <Page title={t('identityTitle')} actions={scanButton}>
      <ScanProgress state={scan.state} onClose={scan.reset} />
      {notice}
      <ErrorAlert error={candidates.error} />
      {pairId ? (
        <Stack gap="md">
          <Anchor component={Link} to={link({ pair: null })} size="sm">
            {t('identityBackToList')}
          </Anchor>
          {selected ? (
            <CandidateReview
              key={selected.id}
              candidate={selected}
              siteName={siteName}
              onMerged={(result, survivor, duplicate) => {
                setOutcome({ pairId: selected.id, kind: 'merged', result, survivor, duplicate });
                window.scrollTo({ top: 0 });
                backToList();
                candidates.reload();
              }}
              onDismissed={() => {
                setOutcome({ pairId: selected.id, kind: 'dismissed' });
                window.scrollTo({ top: 0 });
                backToList();
                candidates.reload();
              }}
            />
          ) : candidates.loading ? (
            <Center>
              <Loader aria-label={t('loading')} />
            </Center>
          ) : (
            <Text>{t('identityPairGone')}</Text>
          )}
        </Stack>
      ) : (
        <CandidateQueue
          page={candidates.data}
          loading={candidates.loading}
          offset={offset}
          canScan={canScan}
          linkTo={(id) => link({ pair: id })}
          goTo={goTo}
        />
      )}
    </Page>
  );
}

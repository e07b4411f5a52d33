import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PlaceholderState } from '../common/empty-state.component';
import { CandidateList } from './candidate-list.component';
import { CANDIDATES_PER_PAGE, type CandidatePage } from './identity.resource';

interface CandidateQueueProps {
  page: CandidatePage | undefined;
  loading: boolean;
  offset: number;
  canScan: boolean;
  linkTo: (candidateId: string) => string;
  goTo: (offset: number) => void;
}

/** The pairs waiting for review, a page at a time, or why there are none. */
export function CandidateQueue({ page, loading, offset, canScan, linkTo, goTo }: CandidateQueueProps) {
  const { t } = useTranslation();
  const items = page?.items ?? [];
  const total = page?.total ?? 0;
  return (
    <Stack gap="md">
      <Text c="dimmed">{t('identityIntro')}</Text>
      {!page && loading && (
        <Center>
          <Loader aria-label={t('loading')} />
        </Center>
      )}
      {page && items.length === 0 && (
        <PlaceholderState
          title={t('identityEmptyTitle')}
          description={t(canScan ? 'identityEmptyScan' : 'identityEmpty')}
          icon="✓"
        />
      )}
      {items.length > 0 && (
        <>
          <Text size="sm" fw={600} role="status">
            {t('identityCount', { count: total })}
          </Text>
          <CandidateList candidates={items} linkTo={linkTo} />
          {total > CANDIDATES_PER_PAGE && (
            <Group justify="space-between">
              <Button
                variant="default"
                disabled={offset === 0}
                onClick={() => goTo(Math.max(0, offset - CANDIDATES_PER_PAGE))}
              >
                {t('identityPrevious')}
              </Button>
              <Button
                variant="default"
                disabled={offset + items.length >= total}
                onClick={() => goTo(offset + CANDIDATES_PER_PAGE)}
              >
                {t('identityNext')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

import type { Patient } from '@medplum/fhirtypes';
import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../i18n/format';
import { NameText, PassageIdText } from '../people/people-results.component';
import { displayName, passageIdOf } from '../people/person';
import { usePersonFormat } from '../people/person-format';
import { GradeBadge, usePercent } from './grade-badge.component';
import type { Candidate } from './identity.resource';

function Side({ patient }: { patient: Patient }) {
  const format = usePersonFormat();
  return (
    <Stack gap={0} style={{ minInlineSize: 0 }}>
      <Text fw={600}>
        <NameText name={displayName(patient)} />
      </Text>
      <Text size="sm" c="dimmed">
        {format.birth(patient)} · <PassageIdText id={passageIdOf(patient)} />
      </Text>
    </Stack>
  );
}

/** The pairs waiting for review, best first; each opens the side-by-side review. */
export function CandidateList({
  candidates,
  linkTo,
}: {
  candidates: readonly Candidate[];
  linkTo: (id: string) => string;
}) {
  const { t } = useTranslation();
  const score = usePercent();
  const format = useFormatters();
  return (
    <Stack
      gap="xs"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('identityListLabel')}
    >
      {candidates.map((candidate) => (
        <Paper
          key={candidate.id}
          component="li"
          withBorder
          p="sm"
          radius="md"
          data-testid="identity-candidate"
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
            <Group gap="lg" align="flex-start" style={{ minInlineSize: 0 }}>
              <Side patient={candidate.a} />
              <Side patient={candidate.b} />
            </Group>
            <Stack gap={4} align="flex-end">
              <GradeBadge grade={candidate.grade} />
              <Text size="sm" fw={600}>
                {t('identityScore', { score: score(candidate.score) })}
              </Text>
            </Stack>
          </Group>
          <Group justify="space-between" mt="xs" gap="xs">
            <Text size="xs" c="dimmed">
              {t('identityFoundAt', { at: format.dateTime(candidate.foundAt) })}
            </Text>
            <Anchor
              component={Link}
              to={linkTo(candidate.id)}
              fw={600}
              size="sm"
              aria-label={t('identityReviewPair', {
                a: displayName(candidate.a)?.text ?? '—',
                b: displayName(candidate.b)?.text ?? '—',
              })}
            >
              {t('identityReview')}
            </Anchor>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

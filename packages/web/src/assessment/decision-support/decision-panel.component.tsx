import {
  Badge,
  Button,
  Group,
  List,
  Loader,
  Paper,
  Radio,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { Decision } from '@passage/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../common/error-alert.component';
import type { Recommendation } from '../assessment.resource';

export type Decisions = Readonly<Record<string, Decision>>;

interface Props {
  recommendations: readonly Recommendation[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  decisions: Decisions;
  onDecide: (recommendationId: string, decision: Decision | undefined) => void;
  /** False in a drawer, whose own title says the same. */
  withTitle: boolean;
}

const UNDECIDED = 'undecided';
const DECISIONS: readonly Decision[] = ['ordered', 'done', 'declined'];

/**
 * The screenings and catch-up vaccines the guidance recommends for this person (ECDC 2018), each
 * with its reason; for those due, the clinician records a decision, or leaves it for later.
 * Labels and reasons come from the server in English and are marked as such.
 */
export function DecisionPanel(props: Props) {
  const { recommendations, loading, error, onRetry, decisions, onDecide, withTitle } = props;
  const { t } = useTranslation();
  const list = recommendations ?? [];
  const due = list
    .filter((r) => r.status === 'due')
    .sort((a, b) => Number(b.priority === 'high') - Number(a.priority === 'high'));
  const done = list.filter((r) => r.status === 'done');
  const notApplicable = list.filter((r) => r.status === 'not-applicable').length;
  const decisionLabel: Record<Decision | typeof UNDECIDED, string> = {
    undecided: t('assessmentDecisionUndecided'),
    ordered: t('assessmentDecisionOrder'),
    done: t('assessmentDecisionDone'),
    declined: t('assessmentDecisionDeclined'),
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        {withTitle && (
          <Title order={2} size="h4">
            {t('assessmentDecisionSupport')}
          </Title>
        )}
        {loading && <Loader size="xs" aria-label={t('loading')} />}
      </Group>
      <Text size="xs" c="dimmed">
        {t('assessmentDecisionSupportSource')}
      </Text>
      {error ? (
        <Stack gap="xs">
          <ErrorAlert error={error} />
          <Group>
            <Button size="xs" variant="default" onClick={onRetry}>
              {t('tryAgain')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      {!loading && !error && due.length === 0 && <Text size="sm">{t('assessmentNothingDue')}</Text>}
      {due.map((r) => (
        <Paper key={r.id} withBorder p="sm" radius="sm">
          <Stack gap={6}>
            <Group gap={6}>
              <Badge variant="outline" size="sm" color="gray.8">
                {r.kind === 'screening' ? t('assessmentKindScreening') : t('assessmentKindVaccination')}
              </Badge>
              {r.priority === 'high' && (
                <Badge color="red.8" size="sm">
                  {t('assessmentPriorityHigh')}
                </Badge>
              )}
            </Group>
            <Text fw={600} lang="en" dir="ltr">
              {r.label}
            </Text>
            <Text size="sm" lang="en" dir="ltr">
              {r.reason}
            </Text>
            {r.tests && r.tests.length > 0 && (
              // English as a whole list, so its bullets stay inside the card in a right-to-left page.
              <List size="sm" spacing={2} lang="en" dir="ltr">
                {r.tests.map((test) => (
                  <List.Item key={test.code}>{test.display}</List.Item>
                ))}
              </List>
            )}
            <Radio.Group
              label={<VisuallyHidden>{t('assessmentDecisionFor', { name: r.label })}</VisuallyHidden>}
              value={decisions[r.id] ?? UNDECIDED}
              onChange={(value) =>
                onDecide(
                  r.id,
                  DECISIONS.find((d) => d === value),
                )
              }
            >
              <Group gap="sm" mt={4}>
                {([UNDECIDED, ...DECISIONS] as const).map((d) => (
                  <Radio key={d} value={d} label={decisionLabel[d]} size="sm" />
                ))}
              </Group>
            </Radio.Group>
          </Stack>
        </Paper>
      ))}
      {done.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('assessmentAlreadyDone')}
          </Text>
          <List size="sm" spacing={2} lang="en" dir="ltr">
            {done.map((r) => (
              <List.Item key={r.id}>{r.label}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      {notApplicable > 0 && (
        <Text size="xs" c="dimmed">
          {t('assessmentNotApplicableCount', { count: notApplicable })}
        </Text>
      )}
    </Stack>
  );
}

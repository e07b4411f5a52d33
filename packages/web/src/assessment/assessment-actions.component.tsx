import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/error-alert.component';
import { describeError } from '../common/errors';
import type { AutosaveStatus } from './use-autosave';
import classes from './assessment.module.css';

interface Props {
  status: AutosaveStatus;
  pending: boolean;
  hasDraft: boolean;
  onSave: () => void;
  onComplete: () => void;
  completing: boolean;
  /** Why completing failed (the network, the server); the answers are kept and it can be retried. */
  completeError: unknown;
}

/** The bar under the form: whether the draft is saved (announced politely), "Save draft", "Complete". */
export function AssessmentActions(props: Props) {
  const { status, pending, hasDraft, onSave, onComplete, completing, completeError } = props;
  const { t, i18n } = useTranslation();
  const time = (at: Date) =>
    new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'en', { timeStyle: 'short' }).format(at);
  const line = (() => {
    switch (status.state) {
      case 'saving':
        return t('assessmentDraftSaving');
      case 'saved':
        return pending
          ? t('assessmentDraftSavedChanges', { time: time(status.at) })
          : t('assessmentDraftSaved', { time: time(status.at) });
      case 'error':
        return t('assessmentDraftNotSaved', { reason: describeError(t, status.error) });
      default:
        return pending
          ? t('assessmentDraftUnsaved')
          : hasDraft
            ? t('assessmentDraftResumed')
            : t('assessmentDraftNone');
    }
  })();
  return (
    <div className={classes.actions}>
      {completeError ? <ErrorAlert error={completeError} title={t('assessmentCompleteFailed')} /> : null}
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text
          size="sm"
          role="status"
          c={status.state === 'error' ? 'red.8' : 'dimmed'}
          className={classes.status}
        >
          {line}
        </Text>
        <Group gap="sm">
          <Button variant="default" onClick={onSave} disabled={!pending || status.state === 'saving'}>
            {t('assessmentSaveDraft')}
          </Button>
          <Button onClick={onComplete} loading={completing}>
            {t('assessmentComplete')}
          </Button>
        </Group>
      </Group>
    </div>
  );
}

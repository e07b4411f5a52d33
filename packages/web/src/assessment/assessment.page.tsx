import { Alert, Anchor, Button, Group, Loader, Stack } from '@mantine/core';
import { withContext } from '@passage/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../common/error-alert.component';
import { Page } from '../common/page.component';
import { AssessmentEditor } from './assessment-editor.component';
import { fetchPatient, fetchResponse, newDraft } from './assessment.resource';
import type { Patient, QuestionnaireResponse } from './fhir-types';
import { localToday } from './person';
import { PersonHeader } from './person-header.component';

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; patient: Patient; response: QuestionnaireResponse; load: number };

/**
 * /people/:patientId/assessments/:responseId — a new assessment (`new`) or a draft resumed. The draft
 * gets its id in the address once first saved, so a reload or a later visit resumes it.
 */
export function AssessmentPage() {
  const { t } = useTranslation();
  const { patientId = '', responseId = 'new' } = useParams();
  const navigate = useNavigate();
  const today = useMemo(() => localToday(), []);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The id of the draft this page created: its address changes, but there is nothing to load.
  const created = useRef<string | null>(null);
  const loads = useRef(0);

  useEffect(() => {
    if (responseId === created.current) return;
    const controller = new AbortController();
    const { signal } = controller;
    setLoaded({ state: 'loading' });
    Promise.all([
      fetchPatient(patientId, signal),
      responseId === 'new' ? Promise.resolve(newDraft(patientId, [])) : fetchResponse(responseId, signal),
    ]).then(
      ([patient, response]) => {
        if (signal.aborted) return;
        // Each load starts a fresh editor, even when two new assessments follow one another.
        setLoaded({
          state: 'ready',
          patient,
          response: withContext(response, patient, today),
          load: ++loads.current,
        });
      },
      (error: unknown) => {
        if (!signal.aborted) setLoaded({ state: 'error', error });
      },
    );
    return () => controller.abort();
  }, [patientId, responseId, today, attempt]);

  const record = `/people/${encodeURIComponent(patientId)}`;
  return (
    <Page title={t('assessmentTitle')}>
      {loaded.state === 'loading' && <Loader aria-label={t('loading')} />}
      {loaded.state === 'error' && (
        <Stack gap="sm">
          {loaded.error instanceof ApiError && loaded.error.status === 404 ? (
            <Alert color="red" role="alert" title={t('assessmentLoadFailed')}>
              {t('assessmentNotFound')}
            </Alert>
          ) : (
            <ErrorAlert error={loaded.error} title={t('assessmentLoadFailed')} />
          )}
          <Group>
            <Button onClick={() => setAttempt((n) => n + 1)}>{t('tryAgain')}</Button>
          </Group>
        </Stack>
      )}
      {loaded.state === 'ready' && (
        <>
          <PersonHeader patient={loaded.patient} today={today} />
          {loaded.response.subject?.reference !== `Patient/${patientId}` ? (
            <Alert color="red" role="alert">
              {t('assessmentOtherPerson')}
            </Alert>
          ) : loaded.response.status === 'completed' ? (
            <Alert color="blue" title={t('assessmentAlreadyCompleted')}>
              <Group gap="md">
                <Anchor component={Link} to={`${record}/assessments/${encodeURIComponent(responseId)}/print`}>
                  {t('assessmentPrintReport')}
                </Anchor>
                <Anchor component={Link} to={record}>
                  {t('assessmentBackToRecord')}
                </Anchor>
              </Group>
            </Alert>
          ) : (
            <AssessmentEditor
              key={loaded.load}
              patientId={patientId}
              patient={loaded.patient}
              initial={loaded.response}
              today={today}
              onCreated={(id) => {
                created.current = id;
                void navigate(`${record}/assessments/${encodeURIComponent(id)}`, { replace: true });
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}

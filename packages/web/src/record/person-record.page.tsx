import { openFollowUps, type Permission } from '@passage/core';
import { Alert, Button, Center, Group, Loader, SimpleGrid } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useMe } from '../auth/session.context';
import { ErrorAlert } from '../common/error-alert.component';
import { NotFoundPage } from '../common/not-found.page';
import { Page } from '../common/page.component';
import { useResource } from '../common/use-resource';
import { MergedNotice } from '../identity/merged-notice.component';
import { referencedId } from '../people/person';
import { AllergiesCard } from './allergies.component';
import { localDay } from './dates';
import { FollowUpModal } from './follow-up-form.component';
import { ImmunizationsCard } from './immunizations.component';
import { MedicationsCard } from './medications.component';
import { OpenRequestsCard } from './open-requests.component';
import { PatientHeader } from './patient-header.component';
import { PendingResultsCard } from './pending-results.component';
import { ProblemListCard } from './problem-list.component';
import { fetchRecord, fetchSiteName } from './record.resource';
import { RecordTimeline } from './timeline.component';

/**
 * A person's record: who they are, the summary a clinician reads first, and everything recorded as a
 * timeline. Users without clinical rights (a mediator) see the demographic header only; the server
 * sends them nothing else.
 */
export function PersonRecordPage() {
  const { t } = useTranslation();
  const { patientId = '' } = useParams();
  const me = useMe();
  const can = (permission: Permission) => me.permissions.includes(permission);
  const clinical = can('clinical.read') || can('own-record.read');
  const canWrite = can('clinical.write');
  const record = useResource((signal) => fetchRecord(patientId, signal), [patientId]);
  const siteId = referencedId(record.data?.patient.managingOrganization?.reference, 'Organization');
  const knownSite = me.roles.find((r) => r.organizationId === siteId)?.organizationName;
  const site = useResource(
    (signal) => (siteId && !knownSite ? fetchSiteName(siteId, signal) : Promise.resolve(knownSite)),
    [siteId, knownSite],
  );
  const [followUp, setFollowUp] = useState(false);
  const [saved, setSaved] = useState(false);
  const today = localDay();
  const base = `/people/${encodeURIComponent(patientId)}`;

  if (record.error instanceof ApiError && record.error.status === 404 && !record.data)
    return <NotFoundPage />;
  // The page title names no one: it stays in the browser's history on shared computers.
  const { data } = record;
  const changed = () => {
    setSaved(false);
    record.reload();
  };

  const actions = data && (
    <Group gap="xs">
      {canWrite && (
        <Button component={Link} to={`${base}/assessments/new`}>
          {t('recordNewAssessment')}
        </Button>
      )}
      {canWrite && data.complete && (
        <Button variant="default" onClick={() => setFollowUp(true)}>
          {t('recordRecordFollowUp')}
        </Button>
      )}
      <Button component={Link} to={`${base}/card`} variant="default">
        {t('recordPrintCard')}
      </Button>
      {clinical && (
        <Button component={Link} to={`${base}/summary`} variant="default">
          {t('recordPrintSummary')}
        </Button>
      )}
    </Group>
  );

  // The page title names no one: it stays in the browser's history on shared computers.
  return (
    <Page title={t('recordTitle')} actions={actions}>
      <ErrorAlert error={record.error} />
      {!data && record.loading && (
        <Center>
          <Loader aria-label={t('loading')} />
        </Center>
      )}
      {data && (
        <>
          <PatientHeader patient={data.patient} siteName={site.data ?? siteId} today={today} />
          <MergedNotice patient={data.patient} onChanged={record.reload} />
          {saved && (
            <Alert color="teal" role="status" withCloseButton onClose={() => setSaved(false)}>
              {t('recordFollowUpSaved')}
            </Alert>
          )}
          {clinical && !data.complete && (
            <Alert color="yellow" title={t('recordUnavailableTitle')}>
              {t('recordUnavailable')}
            </Alert>
          )}
          {clinical && data.complete && (
            <>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                <AllergiesCard resources={data.resources} />
                <ProblemListCard resources={data.resources} canWrite={canWrite} onChanged={changed} />
                <MedicationsCard resources={data.resources} />
                <ImmunizationsCard resources={data.resources} />
                <PendingResultsCard resources={data.resources} canWrite={canWrite} onChanged={changed} />
                <OpenRequestsCard resources={data.resources} canWrite={canWrite} onChanged={changed} />
              </SimpleGrid>
              <RecordTimeline resources={data.resources} />
            </>
          )}
          {canWrite && data.complete && (
            <FollowUpModal
              opened={followUp}
              patient={data.patient}
              planned={openFollowUps(data.resources, today)}
              onClose={() => setFollowUp(false)}
              onSaved={() => {
                setFollowUp(false);
                record.reload();
                setSaved(true);
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}

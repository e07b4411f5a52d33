import { Alert, Badge, Button, Group, Loader, Switch, Text } from '@mantine/core';
import { assessmentLanguages, healthAssessment, translationStatus } from '@passage/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../common/error-alert.component';
import { Page } from '../common/page.component';
import { useResource } from '../common/use-resource';
import { fetchPatient, fetchResponse, fetchSiteName } from './assessment.resource';
import { languageName, passageId, preferredLanguage } from './person';
import { PageFooter } from './report/page-footer.component';
import { ReportHeader } from './report/report-header.component';
import { reportSections } from './report/report';
import { catalogueYesNo, ReportTable, type Column } from './report/report-table.component';
import classes from './report/report.module.css';

const base = (language: string) => language.toLowerCase().split('-')[0] ?? language;

/**
 * The assessment report to print on A4 and hand to the person: answered questions by section, in the
 * clinician's language and the person's side by side. Sensitive answers are left out unless chosen.
 */
export function AssessmentPrintPage() {
  const { t, i18n } = useTranslation();
  const ui = i18n.resolvedLanguage ?? 'en';
  const { patientId = '', responseId = '' } = useParams();
  const [withSensitive, setWithSensitive] = useState(false);
  const data = useResource(
    async (signal) => {
      const [response, patient] = await Promise.all([
        fetchResponse(responseId, signal),
        fetchPatient(patientId, signal),
      ]);
      const site = await fetchSiteName(response, signal).catch(() => undefined);
      return { response, patient, site };
    },
    [patientId, responseId],
  );
  const sections = useMemo(
    () => (data.data ? reportSections(healthAssessment, data.data.response) : []),
    [data.data],
  );

  const title = t('assessmentReportTitle');
  const actions = (
    <Button className={classes.noPrint} onClick={() => window.print()} disabled={!data.data}>
      {t('assessmentPrint')}
    </Button>
  );
  if (!data.data) {
    return (
      <div className={classes.report}>
        <Page title={title} actions={actions}>
          {data.loading ? <Loader aria-label={t('loading')} /> : <ErrorAlert error={data.error} />}
        </Page>
      </div>
    );
  }

  const { response, patient, site } = data.data;
  const person = preferredLanguage(patient);
  const translated = !!person && assessmentLanguages().includes(base(person));
  const columns: Column[] = [
    {
      language: ui,
      heading: languageName(ui, ui),
      yesNo: (value) => (value ? t('assessmentYes') : t('assessmentNo')),
    },
  ];
  const secondColumn = person && translated && base(person) !== base(ui) ? person : undefined;
  if (secondColumn) {
    columns.push({
      language: secondColumn,
      heading: languageName(secondColumn, secondColumn),
      yesNo: catalogueYesNo(secondColumn),
    });
  }
  const sensitiveCount = sections.reduce((n, s) => n + s.rows.filter((r) => r.sensitive).length, 0);
  const shown = sections
    .map((s) => ({ ...s, rows: s.rows.filter((r) => withSensitive || !r.sensitive) }))
    .filter((s) => s.rows.length > 0);
  // Told once, above the report, rather than marked on each line of a page for the person.
  const unreviewed =
    !!secondColumn &&
    shown.some((s) => s.rows.some((r) => translationStatus(secondColumn, r.item.linkId) === 'unreviewed'));
  const wrongPerson = response.subject?.reference !== `Patient/${patientId}`;

  return (
    <div className={classes.report}>
      <PageFooter
        passageId={passageId(patient)}
        printedOn={new Intl.DateTimeFormat(ui, { dateStyle: 'medium' }).format(new Date())}
      />
      <Page title={title} actions={actions}>
        {wrongPerson ? (
          <Alert color="red" role="alert">
            {t('assessmentOtherPerson')}
          </Alert>
        ) : (
          <>
            <ReportHeader
              patient={patient}
              authored={response.authored}
              site={site}
              examiner={response.author?.display}
            />
            {response.status !== 'completed' && (
              <Group>
                <Badge color="orange.9" variant="outline">
                  {t('assessmentReportDraft')}
                </Badge>
              </Group>
            )}
            <div className={classes.noPrint}>
              {sensitiveCount > 0 && (
                <Switch
                  checked={withSensitive}
                  onChange={(e) => setWithSensitive(e.currentTarget.checked)}
                  label={t('assessmentReportIncludeSensitive', { count: sensitiveCount })}
                  description={t('assessmentSensitiveExplained')}
                />
              )}
              {person && !translated && (
                <Text size="sm" c="dimmed" mt="xs">
                  {t('assessmentReportNoTranslation', { language: languageName(person, ui) })}
                </Text>
              )}
            </div>
            {unreviewed && secondColumn && (
              <Text size="sm" c="dimmed">
                {t('assessmentReportUnreviewed', { language: languageName(secondColumn, ui) })}
              </Text>
            )}
            {shown.length === 0 && <Text>{t('assessmentReportEmpty')}</Text>}
            {shown.map((section) => (
              <ReportTable key={section.item.linkId} section={section} columns={columns} />
            ))}
          </>
        )}
      </Page>
    </div>
  );
}

import { Alert, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/error-alert.component';
import type { TranslationKey } from '../common/errors';
import { Page } from '../common/page.component';
import { useResource } from '../common/use-resource';
import { useFormatters } from '../i18n/format';
import { fetchIndicatorSummary } from './indicators.resource';

/** FHIR administrative gender codes; anything else is shown as the server sent it. */
const SEX_LABELS: Record<string, TranslationKey> = {
  female: 'sexFemale',
  male: 'sexMale',
  other: 'sexOther',
  unknown: 'sexUnknown',
};

export function IndicatorsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const summary = useResource((signal) => fetchIndicatorSummary(signal), []);
  const data = summary.data;

  return (
    <Page title={t('navIndicators')}>
      <ErrorAlert error={summary.error} />
      {summary.loading && !data && <Loader aria-label={t('loading')} />}
      {data && (
        <>
          <Text size="sm" c="dimmed">
            {t('indicatorsGeneratedAt', { at: format.dateTime(data.generatedAt) })}
          </Text>
          <Alert color="blue" role="note" variant="light">
            {t('indicatorsSuppressionNote', { threshold: data.suppressedBelow })}
          </Alert>
          {data.rows.length === 0 ? (
            <Text>{t('indicatorsEmpty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table striped withTableBorder>
                <Table.Caption>{t('indicatorsCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('site')}</Table.Th>
                    <Table.Th scope="col">{t('sex')}</Table.Th>
                    <Table.Th scope="col">{t('ageGroup')}</Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('people')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.map((row) => {
                    const sexKey = SEX_LABELS[row.sex];
                    return (
                      <Table.Tr key={`${row.site}|${row.sex}|${row.ageGroup}`}>
                        <Table.Td>{row.site}</Table.Td>
                        <Table.Td>{sexKey ? t(sexKey) : row.sex}</Table.Td>
                        <Table.Td>
                          <bdi>{row.ageGroup}</bdi>
                        </Table.Td>
                        <Table.Td ta="end">
                          {row.count === null ? (
                            <Text span c="dimmed" size="sm">
                              <span aria-hidden="true">
                                {t('suppressedCount', { threshold: data.suppressedBelow })}
                              </span>
                              <VisuallyHidden>
                                {t('suppressedCountSpoken', { threshold: data.suppressedBelow })}
                              </VisuallyHidden>
                            </Text>
                          ) : (
                            format.number(row.count)
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Page>
  );
}

import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../common/error-alert.component';
import { Page } from '../common/page.component';
import { useResource } from '../common/use-resource';
import classes from './card.module.css';
import { IdCard } from './id-card.component';
import { fetchPatient } from './people.resource';
import { displayName, passageIdOf } from './person';

/** The person's card on screen, and on paper twice with cut lines (A4). */
export function CardPrintPage() {
  const { t } = useTranslation();
  const { patientId = '' } = useParams();
  const [params] = useSearchParams();
  const patient = useResource((signal) => fetchPatient(patientId, signal), [patientId]);
  const person = patient.data;
  const id = person && passageIdOf(person);
  const record = `/people/${encodeURIComponent(patientId)}`;

  return (
    <Page
      title={t('peopleCardTitle')}
      actions={
        <Group gap="sm" className={classes.screen}>
          <Button onClick={() => window.print()} disabled={!id}>
            {t('peopleCardPrint')}
          </Button>
          <Button component={Link} to={record} variant="default">
            {t('peopleCardOpenRecord')}
          </Button>
        </Group>
      }
    >
      <Stack className={classes.screen}>
        <ErrorAlert error={patient.error} />
        {patient.loading && !person && <Loader aria-label={t('loading')} />}
        {person && params.get('new') === '1' && (
          <Alert color="teal" role="status" title={t('peopleRegistered')}>
            <Stack gap="xs">
              <Text>{t('peopleRegisteredGiveCard', { name: displayName(person)?.text ?? '' })}</Text>
              <Group>
                <Button component={Link} to="/people/new" variant="light" size="xs">
                  {t('peopleRegisterAnother')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {person && !id && (
          <Alert color="yellow" role="alert">
            {t('peopleCardNoId')}
          </Alert>
        )}
        {person && id && (
          <>
            <IdCard patient={person} />
            <Text size="sm" c="dimmed">
              {t('peopleCardPrintHint')}
            </Text>
          </>
        )}
      </Stack>
      {person && id && (
        <div className={classes.sheet} aria-hidden="true">
          <IdCard patient={person} />
          <IdCard patient={person} />
          <div className={classes.cutHint}>{t('peopleCardCutHint')}</div>
        </div>
      )}
    </Page>
  );
}

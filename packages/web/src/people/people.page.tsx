import { Alert, Button, Group, Loader, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../auth/session.context';
import { ErrorAlert } from '../common/error-alert.component';
import { Page } from '../common/page.component';
import { useResource } from '../common/use-resource';
import { canSee } from '../shell/navigation';
import { fetchPeoplePage, fetchSites, searchPeople } from './people.resource';
import { PeopleResults } from './people-results.component';
import { CountrySelect } from './pickers.component';
import { ScanCardModal } from './scan-card.component';
import {
  filtersFromParams,
  filtersToParams,
  interpretQuery,
  NO_FILTERS,
  type PeopleFilters,
} from './search-query';
import { SEX_LABELS } from './sex-labels';

/** Find people by name in any script, Passage identifier or document number, or by scanning their card. */
export function PeoplePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const [draft, setDraft] = useState(filters.q);
  const [yearDraft, setYearDraft] = useState(filters.birthYear);
  // A page other than the first, from the Bundle's next/previous links.
  const [pagePath, setPagePath] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const [scanNotFound, setScanNotFound] = useState<string | null>(null);

  const apply = (next: PeopleFilters) => {
    setPagePath(null);
    setScanNotFound(null);
    setParams(filtersToParams(next), { replace: true });
  };
  const applyQuery = useDebouncedCallback((q: string) => apply({ ...filtersFromParams(params), q }), 400);
  const setFilter = (key: keyof PeopleFilters, value: string) => apply({ ...filters, [key]: value });

  const key = params.toString();
  const results = useResource(
    (signal) => (pagePath ? fetchPeoplePage(pagePath, signal) : searchPeople(filters, signal)),
    [key, pagePath],
  );
  const sites = useResource((signal) => fetchSites(signal), []);
  const meaning = interpretQuery(filters.q);

  async function openScanned(id: string) {
    setScanning(false);
    setDraft(id);
    try {
      const found = await searchPeople({ ...NO_FILTERS, q: id });
      const only = found?.patients.length === 1 ? found.patients[0] : undefined;
      if (only?.id) return void navigate(`/people/${encodeURIComponent(only.id)}`);
      if (found?.patients.length === 0) setScanNotFound(id);
    } catch {
      // The search below shows the error.
    }
    apply({ ...NO_FILTERS, q: id });
  }

  const page = results.data;
  return (
    <Page
      title={t('navPeople')}
      actions={
        <Group gap="sm">
          <Button variant="default" onClick={() => setScanning(true)}>
            {t('peopleScanCard')}
          </Button>
          {canSee(['demographics.write'], me.permissions) && (
            <Button component={Link} to="/people/new">
              {t('peopleRegister')}
            </Button>
          )}
        </Group>
      }
    >
      <form
        role="search"
        aria-label={t('peopleSearchLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          applyQuery.cancel();
          apply({ ...filters, q: draft });
        }}
      >
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput
            type="search"
            label={t('peopleSearchLabel')}
            description={t('peopleSearchHint')}
            value={draft}
            onChange={(event) => {
              setDraft(event.currentTarget.value);
              applyQuery(event.currentTarget.value);
            }}
            spellCheck={false}
            autoComplete="off"
            style={{ flex: 1 }}
            size="md"
          />
          <Button type="submit" size="md">
            {t('search')}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mt="sm">
          <TextInput
            label={t('peopleBirthYear')}
            value={yearDraft}
            onChange={(e) => {
              const year = e.currentTarget.value.replace(/\D/g, '').slice(0, 4);
              setYearDraft(year);
              // Searched once the year is whole, not at every digit.
              if (year.length === 0 || year.length === 4) setFilter('birthYear', year);
            }}
            inputMode="numeric"
            dir="ltr"
            placeholder="1994"
          />
          <CountrySelect
            label={t('peopleNationality')}
            placeholder={t('any')}
            value={filters.nationality}
            onChange={(value) => setFilter('nationality', value)}
          />
          {!sites.error && (
            <Select
              label={t('site')}
              data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={filters.site || null}
              onChange={(value) => setFilter('site', value ?? '')}
              clearable
              searchable
              placeholder={t('any')}
            />
          )}
          <Select
            label={t('sex')}
            data={Object.entries(SEX_LABELS).map(([value, label]) => ({ value, label: t(label) }))}
            value={filters.sex || null}
            onChange={(value) => setFilter('sex', value ?? '')}
            clearable
            placeholder={t('any')}
          />
        </SimpleGrid>
      </form>

      {meaning.kind === 'passage-id-invalid' && (
        <Alert color="red" role="alert">
          {meaning.reason === 'check' ? t('peopleSearchIdDoesNotAddUp') : t('peopleSearchIdWrongLength')}
        </Alert>
      )}
      {meaning.kind === 'identifier' && meaning.maybePassageId && (
        <Text size="sm" c="dimmed">
          {t('peopleSearchMaybePassageId')}
        </Text>
      )}
      {scanNotFound && (
        <Alert color="yellow" role="status">
          {t('peopleScanNobody', { id: scanNotFound })}
        </Alert>
      )}
      <ErrorAlert error={results.error} />

      <Text size="sm" c="dimmed" role="status">
        {results.loading
          ? t('loading')
          : page
            ? meaning.kind === 'empty' && !pagePath
              ? t('peopleRecent', { count: page.patients.length })
              : t('peopleShown', { count: page.patients.length })
            : ''}
      </Text>
      {results.loading && !page && <Loader aria-hidden="true" />}
      {page && page.patients.length > 0 && <PeopleResults patients={page.patients} sites={page.sites} />}
      {page && (page.previous || page.next) && (
        <Group justify="space-between">
          <Button
            variant="default"
            disabled={!page.previous}
            onClick={() => setPagePath(page.previous ?? null)}
          >
            {t('peoplePrevious')}
          </Button>
          <Button variant="default" disabled={!page.next} onClick={() => setPagePath(page.next ?? null)}>
            {t('peopleNext')}
          </Button>
        </Group>
      )}
      {scanning && (
        <ScanCardModal onClose={() => setScanning(false)} onIdentifier={(id) => void openScanned(id)} />
      )}
    </Page>
  );
}

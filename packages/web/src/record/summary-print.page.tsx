import { Alert, Button, Center, Group, Loader, Switch } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../common/error-alert.component';
import { Page } from '../common/page.component';
import { useResource } from '../common/use-resource';
import { CATALOGUES } from '../i18n/catalogues';
import { preferredLanguageOf } from '../people/person';
import { localDay } from './dates';
import { recordText } from './record-text';
import { fetchRecord } from './record.resource';
import { SummaryColumn } from './summary-column.component';
import { summaryData } from './summary-data';
import classes from './summary.module.css';

/** A language's name in that language ("العربية", "Français"), or the tag when Intl does not know it. */
function ownName(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** While mounted, the body carries the class under which the print rules hide the app's shell. */
function usePrintClass(className: string) {
  useEffect(() => {
    document.body.classList.add(className);
    return () => document.body.classList.remove(className);
  }, [className]);
}

/**
 * The summary the person keeps: the same content in their preferred language and in the clinician's,
 * side by side on A4. A language without an interface catalogue is shown in English, and says so.
 */
export function SummaryPrintPage() {
  const { t, i18n } = useTranslation();
  const { patientId = '' } = useParams();
  const record = useResource((signal) => fetchRecord(patientId, signal), [patientId]);
  const [includeSensitive, setIncludeSensitive] = useState(false);
  usePrintClass(classes.printing ?? '');
  const today = localDay();
  const data = useMemo(
    () => (record.data ? summaryData(record.data.resources, includeSensitive, today) : undefined),
    [record.data, includeSensitive, today],
  );

  const patient = record.data?.patient;
  const ui = i18n.resolvedLanguage ?? 'en';
  const preferred = patient ? preferredLanguageOf(patient)?.split('-')[0]?.toLowerCase() : undefined;
  const languages = preferred && preferred !== ui ? [preferred, ui] : [ui];
  const columns = languages.map((language) => {
    const translated = Object.hasOwn(CATALOGUES, language);
    const shown = translated ? language : 'en';
    const text = recordText(i18n.getFixedT(shown), shown);
    const english = i18n.getFixedT('en');
    return {
      language,
      text,
      heading: translated ? ownName(language) : `${ownName(language)} — ${english('recordSummaryInEnglish')}`,
      note: translated
        ? undefined
        : english('recordSummaryNoCatalogue', {
            language: new Intl.DisplayNames(['en'], { type: 'language' }).of(language) ?? language,
          }),
    };
  });

  const actions = (
    <Group gap="sm" className={classes.noPrint}>
      <Switch
        label={t('recordIncludeSensitive')}
        checked={includeSensitive}
        onChange={(e) => setIncludeSensitive(e.currentTarget.checked)}
      />
      <Button onClick={() => window.print()} disabled={!data}>
        {t('recordPrint')}
      </Button>
    </Group>
  );

  return (
    <Page title={t('recordSummaryTitle')} actions={actions}>
      {/* Only while this page is open: other printouts (the card) have their own page size. */}
      <style>{'@page { size: A4; margin: 15mm; }'}</style>
      <ErrorAlert error={record.error} />
      {!record.data && record.loading && (
        <Center>
          <Loader aria-label={t('loading')} />
        </Center>
      )}
      {record.data && !record.data.complete && (
        <Alert color="yellow" title={t('recordUnavailableTitle')}>
          {t('recordUnavailable')}
        </Alert>
      )}
      {patient && data && (
        <div
          className={classes.sheet}
          style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}
        >
          {columns.map((column) => (
            <SummaryColumn
              key={column.language}
              text={column.text}
              heading={column.heading}
              note={column.note}
              patient={patient}
              data={data}
              printedOn={today}
            />
          ))}
        </div>
      )}
    </Page>
  );
}

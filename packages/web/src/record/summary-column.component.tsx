import type { Patient } from '@medplum/fhirtypes';
import type { ReactNode } from 'react';
import { directionOf } from '../i18n/languages';
import { birthOf, latinName, nativeName, passageIdOf } from '../people/person';
import { ANTIGEN_KEYS } from './immunizations.component';
import type { RecordText } from './record-text';
import type { SummaryData } from './summary-data';
import classes from './summary.module.css';

function Section({ title, empty, items }: { title: string; empty: string; items: ReactNode[] }) {
  return (
    <section className={classes.section}>
      <h3>{title}</h3>
      {items.length === 0 ? <p className={classes.empty}>{empty}</p> : <ul>{items}</ul>}
    </section>
  );
}

/**
 * The whole summary in one language. Two of these side by side make the bilingual page; each has its
 * own `lang` and `dir`, so an Arabic column reads right to left beside a French one.
 */
export function SummaryColumn({
  text,
  heading,
  note,
  patient,
  data,
  printedOn,
}: {
  text: RecordText;
  /** The column's language, named in that language. */
  heading: string;
  /** Said under the heading (e.g. that this language has no translation yet). */
  note: string | undefined;
  patient: Patient;
  data: SummaryData;
  printedOn: string;
}) {
  const { t, language } = text;
  const dir = directionOf(language);
  const native = nativeName(patient);
  const latin = latinName(patient);
  const birth = birthOf(patient);
  const passageId = passageIdOf(patient);
  const s = (status: string) => text.status(status);

  return (
    <div className={classes.column} lang={language} dir={dir}>
      <h2 className={classes.language}>{heading}</h2>
      {note && <p className={classes.note}>{note}</p>}
      <dl className={classes.identity}>
        <dt>{t('recordSummaryName')}</dt>
        <dd>
          {latin && <bdi lang={latin.lang}>{latin.text}</bdi>}
          {native && native.text !== latin?.text && (
            <>
              {latin && <br />}
              <bdi lang={native.lang}>{native.text}</bdi>
            </>
          )}
        </dd>
        <dt>{t('recordBirthDate')}</dt>
        <dd>
          {birth ? text.date(birth.date) : '—'}
          {birth?.precision === 'estimated' && ` (${t('recordBirthEstimated')})`}
        </dd>
        <dt>{t('recordPassageId')}</dt>
        <dd>
          <bdi dir="ltr" className={classes.code}>
            {passageId ?? '—'}
          </bdi>
        </dd>
      </dl>

      <Section
        title={t('recordAllergies')}
        empty={t('recordNoAllergies')}
        items={data.allergies.map((a) => (
          <li key={a.allergy.id}>
            <strong>
              <bdi>{a.substance}</bdi>
            </strong>
            {a.highRisk && ` — ${t('recordHighRisk')}`}
            {a.reactions.length > 0 && (
              <>
                {': '}
                <bdi>{a.reactions.join('; ')}</bdi>
              </>
            )}
          </li>
        ))}
      />
      <Section
        title={t('recordActiveProblems')}
        empty={t('recordNoActiveProblems')}
        items={data.problems.map((p) => (
          <li key={p.condition.id}>
            <bdi>{text.coded(p.code, p.title)}</bdi>
            {p.verificationStatus && p.verificationStatus !== 'confirmed' && ` (${s(p.verificationStatus)})`}
          </li>
        ))}
      />
      <Section
        title={t('recordCurrentMedication')}
        empty={t('recordNoMedication')}
        items={data.medication.map((m) => (
          <li key={m.statement.id}>
            <bdi>{text.coded(m.code, m.name)}</bdi>
            {m.dosage && (
              <>
                {' — '}
                <bdi>{m.dosage}</bdi>
              </>
            )}
          </li>
        ))}
      />
      <Section
        title={t('recordImmunizations')}
        empty={t('recordNoImmunizations')}
        items={data.vaccines.map((v) => (
          <li key={v.key}>
            <bdi>{text.coded(v.code, v.vaccine)}</bdi>
            {v.antigens.length > 0 &&
              ` (${v.antigens.map((a) => t(ANTIGEN_KEYS[a])).join(t('listSeparator'))})`}
            {': '}
            {v.doses
              .map((d) => `${d.date ? text.date(d.date) : t('recordDateUnknown')} — ${s(d.source)}`)
              .join('; ')}
          </li>
        ))}
      />
      <Section
        title={t('recordLatestVitals')}
        empty={t('recordNoVitals')}
        items={data.vitals.map((v) => (
          <li key={v.code}>
            {text.valueLabel(v.value)}: <bdi>{text.value(v.value)}</bdi> ({text.date(v.date)})
          </li>
        ))}
      />
      <Section
        title={t('recordStillToDo')}
        empty={t('recordNothingPending')}
        items={[
          ...data.pendingResults.map((r) => (
            <li key={r.observation.id}>
              {t('recordResultAwaited', { test: text.coded(r.code, r.title) })}
              {r.taken && ` (${text.date(r.taken)})`}
            </li>
          )),
          ...data.requests.map((r) => (
            <li key={r.request.id}>
              {text.kind(r.kind)}: <bdi>{text.coded(r.code, r.title)}</bdi>
              {r.due && ` — ${t('recordDueOn', { date: text.date(r.due) })}`}
            </li>
          )),
        ]}
      />
      <section className={classes.section}>
        <h3>{t('recordNextFollowUp')}</h3>
        <p className={data.nextFollowUp ? undefined : classes.empty}>
          {data.nextFollowUp ? text.date(data.nextFollowUp) : t('recordNoFollowUp')}
        </p>
      </section>
      {data.omitted > 0 && (
        <p className={classes.note}>{t('recordSensitiveOmitted', { count: data.omitted })}</p>
      )}
      <p className={classes.note}>{t('recordPrintedOn', { date: text.date(printedOn) })}</p>
    </div>
  );
}

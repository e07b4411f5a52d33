import { useTranslation } from 'react-i18next';
import type { Patient } from '../fhir-types';
import { passageId, personNames } from '../person';
import classes from './report.module.css';

interface Props {
  patient: Patient;
  /** When the answers were recorded (QuestionnaireResponse.authored). */
  authored: string | undefined;
  site: string | undefined;
  examiner: string | undefined;
}

/** Who, when, where and by whom: names in their own scripts, ids and names isolated for RTL pages. */
export function ReportHeader({ patient, authored, site, examiner }: Props) {
  const { t, i18n } = useTranslation();
  const id = passageId(patient);
  const date = authored
    ? new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'en', { dateStyle: 'long' }).format(new Date(authored))
    : undefined;
  return (
    <dl className={classes.header}>
      <div>
        <dt>{t('assessmentReportName')}</dt>
        <dd>
          {personNames(patient).map((n, i) => (
            <span key={n.text}>
              {i > 0 && ' · '}
              <bdi lang={n.language}>{n.text}</bdi>
            </span>
          ))}
        </dd>
      </div>
      {id && (
        <div>
          <dt>{t('assessmentPassageId')}</dt>
          <dd>
            <bdi dir="ltr">{id}</bdi>
          </dd>
        </div>
      )}
      {date && (
        <div>
          <dt>{t('assessmentReportDate')}</dt>
          <dd>{date}</dd>
        </div>
      )}
      {site && (
        <div>
          <dt>{t('assessmentReportSite')}</dt>
          <dd>
            <bdi>{site}</bdi>
          </dd>
        </div>
      )}
      {examiner && (
        <div>
          <dt>{t('assessmentReportExaminer')}</dt>
          <dd>
            <bdi>{examiner}</bdi>
          </dd>
        </div>
      )}
    </dl>
  );
}

import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import { hasTranslation, translateCoding, translateItem, translationStatus } from '@passage/core';
import { useTranslation } from 'react-i18next';
import { directionOf } from '../../i18n/languages';
import type { Coding, QuestionnaireItem } from '../fhir-types';
import { useFormContext, type FormLanguages } from './form-context';
import { isSensitive } from './item-meta';
import classes from './questionnaire-form.module.css';

const baseOf = (language: string) => language.toLowerCase().split('-')[0] ?? language;

/** The person's language when it should be shown beside the interface's, else undefined. */
export function secondLanguage(languages: FormLanguages): string | undefined {
  const { person, ui, bilingual } = languages;
  return bilingual && person && baseOf(person) !== baseOf(ui) ? person : undefined;
}

/** A text in a given language, marked so that screen readers and the bidi algorithm treat it right. */
export function LangText({
  language,
  text,
  secondary,
}: {
  language: string;
  text: string;
  secondary?: boolean;
}) {
  return (
    <span lang={language} dir={directionOf(language)} className={secondary ? classes.second : undefined}>
      {text}
    </span>
  );
}

/**
 * A question's text in the interface's language, and under it in the person's when asked for. The
 * required mark follows the first line (Mantine's own would land after the second).
 */
export function ItemText({ item, withBadges = true }: { item: QuestionnaireItem; withBadges?: boolean }) {
  const { t } = useTranslation();
  const { languages } = useFormContext();
  const second = secondLanguage(languages);
  return (
    <>
      <LangText language={languages.ui} text={translateItem(item, languages.ui)} />
      {item.required && item.type !== 'group' && (
        <>
          <span className={classes.required} aria-hidden="true">
            {' *'}
          </span>
          <VisuallyHidden component="span"> ({t('assessmentRequired')})</VisuallyHidden>
        </>
      )}
      {withBadges && isSensitive(item) && <SensitiveBadge />}
      {second && hasTranslation(item.linkId, second) && (
        <span className={classes.second}>
          <LangText language={second} text={translateItem(item, second)} />
          {translationStatus(second, item.linkId) === 'unreviewed' && (
            <span lang={languages.ui} className={classes.unreviewed}>
              {' '}
              ({t('assessmentUnreviewed')})
            </span>
          )}
        </span>
      )}
    </>
  );
}

/** An answer option, in both languages like the questions. */
export function CodingText({ coding }: { coding: Coding }) {
  const { languages } = useFormContext();
  const second = secondLanguage(languages);
  const ui = translateCoding(coding, languages.ui);
  const other = second ? translateCoding(coding, second) : undefined;
  return (
    <>
      <LangText language={languages.ui} text={ui} />
      {second && other && other !== ui && <LangText language={second} text={other} secondary />}
    </>
  );
}

/** Marks a question whose answer is recorded only with the person's agreement. */
export function SensitiveBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('assessmentSensitiveExplained')} multiline maw={260} withArrow>
      <Badge
        component="span"
        variant="outline"
        color="grape.9"
        size="sm"
        ms="xs"
        className={classes.badge}
        leftSection={<span aria-hidden="true">🔒</span>}
      >
        {t('assessmentSensitive')}
        <VisuallyHidden component="span">: {t('assessmentSensitiveExplained')}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

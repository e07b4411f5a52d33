import { Stack, Text } from '@mantine/core';
import { translateItem } from '@passage/core';
import { useTranslation } from 'react-i18next';
import type { Answer, QuestionnaireItem } from '../fhir-types';
import { formatAnswer, unitLabel } from './answer-format';
import {
  BooleanInput,
  DateQuestion,
  NumberQuestion,
  TextQuestion,
  type InputProps,
} from './basic-inputs.component';
import { ChoiceQuestion } from './choice-inputs.component';
import { useFormContext } from './form-context';
import { issueMessage } from './issue-messages';
import { ItemText, LangText } from './item-text.component';
import { helpItems, itemRange, itemUnit } from './item-meta';
import { fieldId, getAnswers } from './response-state';
import classes from './questionnaire-form.module.css';

/** Help texts, and for numbers the unit and plausible range, read out with the field (aria-describedby). */
function Hints({ item }: { item: QuestionnaireItem }) {
  const { t } = useTranslation();
  const { languages } = useFormContext();
  const lines = helpItems(item).map((help) => translateItem(help, languages.ui));
  if (item.type === 'decimal' || item.type === 'integer') {
    const { min, max } = itemRange(item);
    const unit = itemUnit(item);
    const unitText = unit ? unitLabel(unit, languages.ui) : '';
    if (min !== undefined && max !== undefined)
      lines.push(t('assessmentRangeHint', { min, max, unit: unitText }).trim());
    else if (unitText) lines.push(unitText);
  }
  if (lines.length === 0) return null;
  return (
    <>
      {lines.map((line) => (
        <span key={line} className={classes.hint}>
          {line}
        </span>
      ))}
    </>
  );
}

/** A question the person's record answers (age, sex): shown, never edited here. */
function ReadOnlyQuestion({ item, answers }: { item: QuestionnaireItem; answers: readonly Answer[] }) {
  const { t } = useTranslation();
  const { languages } = useFormContext();
  const text = answers
    .map((a) =>
      formatAnswer(
        item,
        a,
        languages.ui,
        (b) => (b ? t('assessmentYes') : t('assessmentNo')),
        itemUnit(item),
      ),
    )
    .join(t('listSeparator'));
  return (
    <div className={classes.readOnly}>
      <Text size="sm" fw={500} component="div">
        <ItemText item={item} />
      </Text>
      <Text>{text || '—'}</Text>
    </div>
  );
}

export function QuestionField({ item, path }: { item: QuestionnaireItem; path: string }) {
  const { t } = useTranslation();
  const { form, languages, renderExtra } = useFormContext();
  const answers = getAnswers(form.response, path);
  if (item.readOnly) {
    return (
      <div id={fieldId(path)}>
        <ReadOnlyQuestion item={item} answers={answers} />
      </div>
    );
  }
  const messages = [
    ...form.visibleIssues
      .filter((i) => i.path === path)
      .map((i) => ({ text: issueMessage(t, i, item), language: languages.ui })),
    // The server's messages are English sentences; marked so, they are at least read out right.
    ...form.serverIssues
      .filter((i) => i.linkId === item.linkId)
      .map((i) => ({ text: i.message, language: 'en' })),
  ].filter((m, i, all) => all.findIndex((o) => o.text === m.text) === i);
  const props: InputProps = {
    item,
    answers,
    set: (next) => form.setAnswer(path, next),
    touch: () => form.touch(path),
    label: <ItemText item={item} />,
    description: <Hints item={item} />,
    error:
      messages.length > 0 ? (
        <Stack gap={0} component="span">
          {messages.map((m) => (
            <LangText key={m.text} language={m.language} text={m.text} />
          ))}
        </Stack>
      ) : undefined,
    name: translateItem(item, languages.ui),
  };
  return (
    <div id={fieldId(path)} className={classes.field}>
      <Field {...props} />
      {renderExtra?.(item, path)}
    </div>
  );
}

function Field(props: InputProps) {
  switch (props.item.type) {
    case 'boolean':
      return <BooleanInput {...props} />;
    case 'decimal':
    case 'integer':
      return <NumberQuestion {...props} />;
    case 'date':
      return <DateQuestion {...props} />;
    case 'choice':
    case 'open-choice':
      return <ChoiceQuestion {...props} />;
    default:
      return <TextQuestion {...props} />;
  }
}

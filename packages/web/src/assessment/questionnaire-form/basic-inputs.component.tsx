/** Inputs for boolean, number, date and text questions. Each gets its label, hints and error ready-made. */
import { Button, Group, NumberInput, Radio, Textarea, TextInput } from '@mantine/core';
import { translateCoding, YES_NO_UNKNOWN } from '@passage/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer, QuestionnaireItem } from '../fhir-types';
import { unitLabel } from './answer-format';
import { useFormContext } from './form-context';
import { LangText, secondLanguage } from './item-text.component';
import { allowsFutureDate, itemUnit } from './item-meta';

export interface InputProps {
  item: QuestionnaireItem;
  answers: readonly Answer[];
  set: (answers: Answer[]) => void;
  /** The field was visited: its problems are shown from now on. */
  touch: () => void;
  label: ReactNode;
  description: ReactNode;
  error: ReactNode;
  /** The question's text alone, for accessible names of buttons next to it. */
  name: string;
}

const YES = YES_NO_UNKNOWN.find((c) => c.code === 'yes');
const NO = YES_NO_UNKNOWN.find((c) => c.code === 'no');

/** "Clear answer": a radio group cannot be emptied otherwise, and no answer is not the same as No. */
export function ClearButton({ name, onClear }: { name: string; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      onClick={onClear}
      aria-label={t('assessmentClearAnswerOf', { question: name })}
    >
      {t('assessmentClearAnswer')}
    </Button>
  );
}

function YesNoLabel({ value }: { value: boolean }) {
  const { t } = useTranslation();
  const { languages } = useFormContext();
  const second = secondLanguage(languages);
  const coding = value ? YES : NO;
  return (
    <>
      <LangText language={languages.ui} text={value ? t('assessmentYes') : t('assessmentNo')} />
      {second && coding && <LangText language={second} text={translateCoding(coding, second)} secondary />}
    </>
  );
}

export function BooleanInput({ answers, set, touch, label, description, error, name }: InputProps) {
  const value = answers[0]?.valueBoolean;
  return (
    <Radio.Group
      label={label}
      description={description}
      error={error}
      value={value === undefined ? null : String(value)}
      onChange={(next) => {
        set([{ valueBoolean: next === 'true' }]);
        touch();
      }}
    >
      <Group gap="lg" mt="xs" align="flex-start">
        <Radio value="true" label={<YesNoLabel value />} size="md" />
        <Radio value="false" label={<YesNoLabel value={false} />} size="md" />
        {value !== undefined && <ClearButton name={name} onClear={() => set([])} />}
      </Group>
    </Radio.Group>
  );
}

/** The decimal separator people type in this language: a comma in French, a point elsewhere. */
function decimalSeparator(language: string): string {
  const part = new Intl.NumberFormat(language).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

export function NumberQuestion({ item, answers, set, touch, label, description, error }: InputProps) {
  const { languages } = useFormContext();
  const stored = answers[0]?.valueDecimal ?? answers[0]?.valueInteger;
  // What is typed stays as typed ("37," on the way to "37,5") and becomes the answer once it is a number.
  const [text, setText] = useState<string | number>(stored ?? '');
  useEffect(() => {
    setText((current) => (typeof current === 'number' || current === '' ? (stored ?? '') : current));
  }, [stored]);
  const unit = itemUnit(item);
  const unitText = unit ? unitLabel(unit, languages.ui) : undefined;
  return (
    <NumberInput
      label={label}
      description={description}
      error={error}
      value={text}
      onChange={(next) => {
        setText(next);
        if (typeof next === 'number')
          set([item.type === 'integer' ? { valueInteger: next } : { valueDecimal: next }]);
        else if (next === '') set([]);
      }}
      onBlur={touch}
      allowDecimal={item.type !== 'integer'}
      decimalSeparator={decimalSeparator(languages.ui)}
      clampBehavior="none"
      hideControls
      inputMode={item.type === 'integer' ? 'numeric' : 'decimal'}
      rightSection={unitText ? <span aria-hidden="true">{unitText}</span> : undefined}
      rightSectionWidth={unitText ? `${Math.max(2.5, unitText.length * 0.6 + 1.2)}em` : undefined}
      rightSectionPointerEvents="none"
      maw={320}
    />
  );
}

export function DateQuestion({ item, answers, set, touch, label, description, error }: InputProps) {
  const { today } = useFormContext();
  return (
    <TextInput
      type="date"
      label={label}
      description={description}
      error={error}
      value={answers[0]?.valueDate ?? ''}
      max={allowsFutureDate(item) ? undefined : today}
      min="1900-01-01"
      onChange={(e) => {
        const value = e.currentTarget.value;
        set(value ? [{ valueDate: value }] : []);
      }}
      onBlur={touch}
      maw={320}
    />
  );
}

export function TextQuestion({ item, answers, set, touch, label, description, error }: InputProps) {
  const common = {
    label,
    description,
    error,
    value: answers[0]?.valueString ?? '',
    onBlur: touch,
    // Free text is written in whatever language and script the clinician uses.
    dir: 'auto' as const,
  };
  const change = (value: string) => set(value ? [{ valueString: value }] : []);
  return item.type === 'text' ? (
    <Textarea {...common} autosize minRows={2} maxRows={8} onChange={(e) => change(e.currentTarget.value)} />
  ) : (
    <TextInput {...common} onChange={(e) => change(e.currentTarget.value)} />
  );
}

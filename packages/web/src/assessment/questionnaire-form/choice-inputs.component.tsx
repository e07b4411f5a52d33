/** Inputs for coded questions: radio buttons, check boxes, a native list, or a searchable value set. */
import {
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  Radio,
  Select,
  Stack,
  type ComboboxItem,
  type OptionsFilter,
} from '@mantine/core';
import { translateCoding } from '@passage/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coding } from '../fhir-types';
import { isolate } from './answer-format';
import { ClearButton, type InputProps } from './basic-inputs.component';
import { useFormContext } from './form-context';
import { CodingText, secondLanguage } from './item-text.component';
import { choiceControl, choiceOptions } from './item-meta';

const keyOf = (coding: Coding) => `${coding.system ?? ''}|${coding.code ?? ''}`;

/** Long option lists and long labels read better one per line. */
function stacked(options: readonly Coding[]): boolean {
  return options.length > 3 || options.some((o) => (o.display ?? '').length > 24);
}

export function ChoiceQuestion(props: InputProps) {
  const control = choiceControl(props.item);
  if (control === 'autocomplete') return <ValueSetQuestion {...props} />;
  if (control === 'check-box') return <CheckboxQuestion {...props} />;
  if (control === 'drop-down') return <ListQuestion {...props} />;
  return <RadioQuestion {...props} />;
}

function RadioQuestion({ item, answers, set, touch, label, description, error, name }: InputProps) {
  const options = choiceOptions(item);
  const selected = answers[0]?.valueCoding;
  const Layout = stacked(options) ? Stack : Group;
  return (
    <Radio.Group
      label={label}
      description={description}
      error={error}
      value={selected ? keyOf(selected) : null}
      onChange={(key) => {
        const coding = options.find((o) => keyOf(o) === key);
        if (coding) set([{ valueCoding: coding }]);
        touch();
      }}
    >
      <Layout gap="sm" mt="xs" align="flex-start">
        {options.map((o) => (
          <Radio key={keyOf(o)} value={keyOf(o)} label={<CodingText coding={o} />} size="md" />
        ))}
        {selected && <ClearButton name={name} onClear={() => set([])} />}
      </Layout>
    </Radio.Group>
  );
}

function CheckboxQuestion({ item, answers, set, touch, label, description, error }: InputProps) {
  const options = choiceOptions(item);
  const value = answers.flatMap((a) => (a.valueCoding ? [keyOf(a.valueCoding)] : []));
  return (
    <Checkbox.Group
      label={label}
      description={description}
      error={error}
      value={value}
      onChange={(keys) => {
        set(options.filter((o) => keys.includes(keyOf(o))).map((valueCoding) => ({ valueCoding })));
        touch();
      }}
    >
      <Stack gap="sm" mt="xs">
        {options.map((o) => (
          <Checkbox key={keyOf(o)} value={keyOf(o)} label={<CodingText coding={o} />} size="md" />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** A native list: the device's own picker on a tablet, and fully keyboard-operable. */
function ListQuestion({ item, answers, set, touch, label, description, error }: InputProps) {
  const { t } = useTranslation();
  const { languages } = useFormContext();
  const second = secondLanguage(languages);
  const options = choiceOptions(item);
  const selected = answers[0]?.valueCoding;
  return (
    <NativeSelect
      label={label}
      description={description}
      error={error}
      value={selected ? keyOf(selected) : ''}
      onChange={(e) => {
        const coding = options.find((o) => keyOf(o) === e.currentTarget.value);
        set(coding ? [{ valueCoding: coding }] : []);
      }}
      onBlur={touch}
      maw={480}
    >
      <option value="">{t('assessmentChoose')}</option>
      {options.map((o) => {
        const text = translateCoding(o, languages.ui);
        const other = second ? translateCoding(o, second) : text;
        return (
          <option key={keyOf(o)} value={keyOf(o)}>
            {other === text ? text : `${text} — ${isolate(other)}`}
          </option>
        );
      })}
    </NativeSelect>
  );
}

/**
 * A searchable value set (ICD-10, CVX): matched by code or by name, in the interface's language and in
 * English (clinicians often know the English term), word by word in any order.
 */
function ValueSetQuestion({ item, answers, set, touch, label, description, error }: InputProps) {
  const { t } = useTranslation();
  const { languages } = useFormContext();
  const options = choiceOptions(item);
  const { data, haystack } = useMemo(() => {
    const haystack = new Map<string, string>();
    const data: ComboboxItem[] = options.map((o) => {
      const text = translateCoding(o, languages.ui);
      haystack.set(keyOf(o), `${o.code ?? ''} ${text} ${o.display ?? ''}`.toLocaleLowerCase());
      return { value: keyOf(o), label: `${isolate(o.code ?? '')} — ${text}` };
    });
    return { data, haystack };
  }, [options, languages.ui]);
  const filter: OptionsFilter = ({ options: list, search }) => {
    const words = search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    return list.filter(
      (o) => 'value' in o && words.every((w) => haystack.get(o.value)?.includes(w) ?? false),
    );
  };
  const common = {
    label,
    description,
    error,
    data,
    filter,
    searchable: true,
    limit: 50,
    nothingFoundMessage: t('assessmentNothingFound'),
    placeholder: t('assessmentSearchCodeOrName'),
    onBlur: touch,
    maw: 560,
  };
  const codingOf = (key: string) => options.find((o) => keyOf(o) === key);
  if (item.repeats) {
    return (
      <MultiSelect
        {...common}
        value={answers.flatMap((a) => (a.valueCoding ? [keyOf(a.valueCoding)] : []))}
        onChange={(keys) =>
          set(keys.flatMap((k) => (codingOf(k) ? [{ valueCoding: codingOf(k) as Coding }] : [])))
        }
        clearable
      />
    );
  }
  const selected = answers[0]?.valueCoding;
  return (
    <Select
      {...common}
      value={selected ? keyOf(selected) : null}
      onChange={(key) => {
        const coding = key ? codingOf(key) : undefined;
        set(coding ? [{ valueCoding: coding }] : []);
      }}
      clearable
      clearButtonProps={{ 'aria-label': t('assessmentClearAnswer') }}
    />
  );
}

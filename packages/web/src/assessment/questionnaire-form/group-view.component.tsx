import { Button, Fieldset, Group, Stack, Text } from '@mantine/core';
import { translateItem } from '@passage/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../common/confirm-dialog.component';
import type { QuestionnaireItem } from '../fhir-types';
import { useFormContext } from './form-context';
import { issueMessage } from './issue-messages';
import { ItemText } from './item-text.component';
import { itemControl } from './item-meta';
import { QuestionField } from './question-field.component';
import { focusField } from './focus-field';
import { childPath, fieldId, getItem, instanceCount, instancePath } from './response-state';
import classes from './questionnaire-form.module.css';

/** Any item at a path: hidden when its enableWhen does not hold. */
export function ItemView({ item, path }: { item: QuestionnaireItem; path: string }) {
  const { form, languages } = useFormContext();
  if (!form.isEnabled(path)) return null;
  switch (item.type) {
    case 'display':
      // Help texts are shown with their question (see Hints).
      return itemControl(item) === 'help' ? null : (
        <Text c="dimmed" lang={languages.ui}>
          {translateItem(item, languages.ui)}
        </Text>
      );
    case 'group':
      return item.repeats ? (
        <RepeatingGroup item={item} path={path} />
      ) : (
        <GroupView item={item} path={path} />
      );
    default:
      return <QuestionField item={item} path={path} />;
  }
}

/** The items of a group (or of one instance of a repeating group) in order. */
export function ItemList({ items, path }: { items: readonly QuestionnaireItem[]; path: string }) {
  return (
    <Stack gap="md">
      {items.map((child) => (
        <ItemView key={child.linkId} item={child} path={childPath(path, child.linkId)} />
      ))}
    </Stack>
  );
}

/** Problems with a group as a whole (a required section left empty). */
export function GroupIssues({ item, path }: { item: QuestionnaireItem; path: string }) {
  const { t } = useTranslation();
  const { form } = useFormContext();
  const messages = form.visibleIssues.filter((i) => i.path === path).map((i) => issueMessage(t, i, item));
  if (messages.length === 0) return null;
  return (
    <Text c="red.8" size="sm" role="alert">
      {messages.join(' ')}
    </Text>
  );
}

function GroupView({ item, path }: { item: QuestionnaireItem; path: string }) {
  return (
    <Fieldset legend={<ItemText item={item} />} id={fieldId(path)} className={classes.group}>
      <GroupIssues item={item} path={path} />
      <ItemList items={item.item ?? []} path={path} />
    </Fieldset>
  );
}

/** Instances of a repeating group (medicines, vaccines…), each removable, and "Add another". */
function RepeatingGroup({ item, path }: { item: QuestionnaireItem; path: string }) {
  const { t } = useTranslation();
  const { form, languages } = useFormContext();
  const [removing, setRemoving] = useState<number | null>(null);
  const count = instanceCount(form.response, path);
  const name = translateItem(item, languages.ui);

  function add() {
    form.addInstance(path);
    // Straight to the new instance's first field; it exists once React has rendered the change.
    requestAnimationFrame(() => focusField(instancePath(path, count)));
  }

  function remove(index: number) {
    const filled = (getItem(form.response, instancePath(path, index))?.item ?? []).length > 0;
    if (filled) setRemoving(index);
    else form.removeInstance(path, index);
  }

  return (
    <Fieldset legend={<ItemText item={item} />} id={fieldId(path)} className={classes.group}>
      <Stack gap="md">
        <GroupIssues item={item} path={path} />
        {count === 0 && <Text c="dimmed">{t('assessmentNoneRecorded')}</Text>}
        {Array.from({ length: count }, (_, index) => {
          const here = instancePath(path, index);
          const title = t('assessmentInstanceTitle', { name, number: index + 1 });
          return (
            <section key={here} id={fieldId(here)} aria-label={title} className={classes.instance}>
              <Group justify="space-between" mb="xs" wrap="nowrap">
                <Text fw={600}>{title}</Text>
                <Button
                  variant="subtle"
                  color="red.8"
                  size="compact-sm"
                  onClick={() => remove(index)}
                  aria-label={t('assessmentRemoveInstance', { name: title })}
                >
                  {t('assessmentRemove')}
                </Button>
              </Group>
              <ItemList items={item.item ?? []} path={here} />
            </section>
          );
        })}
        <Group>
          <Button variant="light" onClick={add} aria-label={t('assessmentAddAnotherOf', { name })}>
            {count === 0 ? t('assessmentAdd') : t('assessmentAddAnother')}
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={removing !== null}
        title={t('assessmentRemoveTitle')}
        message={t('assessmentRemoveMessage', {
          name: t('assessmentInstanceTitle', { name, number: (removing ?? 0) + 1 }),
        })}
        confirmLabel={t('assessmentRemove')}
        onConfirm={async () => {
          if (removing !== null) form.removeInstance(path, removing);
          setRemoving(null);
        }}
        onClose={() => setRemoving(null)}
      />
    </Fieldset>
  );
}

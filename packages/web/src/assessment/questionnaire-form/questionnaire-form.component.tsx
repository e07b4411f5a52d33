import { Badge, Button, Drawer, Group, Stack, Title, useDirection } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { translateItem } from '@passage/core';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireItem } from '../fhir-types';
import { FormContext, type FormContextValue, type FormLanguages } from './form-context';
import { GroupIssues, ItemList } from './group-view.component';
import { ItemText } from './item-text.component';
import { SectionNav } from './section-nav.component';
import { fieldId } from './response-state';
import { sectionsByLinkId } from './summary';
import { issuesBySection, type QuestionnaireFormState } from './use-questionnaire-form';
import classes from './questionnaire-form.module.css';

export interface QuestionnaireFormProps {
  form: QuestionnaireFormState;
  languages: FormLanguages;
  today: string;
  /** linkId of the section shown; the page owns it so it can save when the user moves on. */
  section: string;
  onSectionChange: (linkId: string) => void;
  renderExtra?: FormContextValue['renderExtra'];
  /** Shown beside the form when there is room, in a drawer otherwise (decision support). */
  aside?: (placement: 'inline' | 'drawer') => ReactNode;
  asideLabel?: string;
  /** A count shown on the button that opens the aside on narrow screens. */
  asideCount?: number;
}

/** Widths of the form's own box (not the window), since the app's menu takes room too. */
const SIDE_NAV_FROM = 1150;
const ASIDE_FROM = 880;

/**
 * A FHIR Questionnaire as a form, one top-level group (section) at a time, rendered from the
 * Questionnaire's items: enableWhen hides what does not apply, repeating groups can be added to,
 * each question type gets its input, and problems are shown at their field.
 */
export function QuestionnaireForm(props: QuestionnaireFormProps) {
  const { form, languages, today, section, onSectionChange, renderExtra, aside, asideLabel, asideCount } =
    props;
  const { t } = useTranslation();
  const { dir } = useDirection();
  const { ref, width } = useElementSize();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const layout = width >= SIDE_NAV_FROM ? 'side' : width >= ASIDE_FROM ? 'top' : 'narrow';

  const sections = (form.questionnaire.item ?? []).filter((item) => form.isEnabled(item.linkId));
  const currentIndex = Math.max(
    0,
    sections.findIndex((s) => s.linkId === section),
  );
  const current: QuestionnaireItem | undefined = sections[currentIndex];
  const previous = sections[currentIndex - 1];
  const next = sections[currentIndex + 1];

  const sectionOfLinkId = useMemo(
    () => sectionsByLinkId(form.questionnaire.item ?? []),
    [form.questionnaire],
  );
  const counts = issuesBySection(form.visibleIssues, form.serverIssues, (id) => sectionOfLinkId.get(id));

  // A new section starts at its heading, for sighted and screen-reader users alike (not on first show).
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(current?.linkId);
  useEffect(() => {
    if (shown.current === current?.linkId) return;
    shown.current = current?.linkId;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [current?.linkId]);

  const context: FormContextValue = { form, languages, renderExtra, today };
  const ui = languages.ui;
  return (
    <FormContext.Provider value={context}>
      <div ref={ref} className={classes.layout} data-layout={layout}>
        <div className={classes.nav}>
          <SectionNav
            sections={sections}
            current={current?.linkId ?? ''}
            onSelect={onSectionChange}
            issueCounts={counts}
            language={ui}
            vertical={layout === 'side'}
          />
        </div>
        <div className={classes.main}>
          {current && (
            <Stack
              component="section"
              id={fieldId(current.linkId)}
              aria-labelledby={`section-${current.linkId}`}
              gap="lg"
            >
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Title
                  order={2}
                  id={`section-${current.linkId}`}
                  ref={heading}
                  tabIndex={-1}
                  className={classes.sectionTitle}
                >
                  <ItemText item={current} />
                </Title>
                {layout === 'narrow' && aside && (
                  <Button
                    variant="light"
                    onClick={() => setDrawerOpen(true)}
                    rightSection={asideCount ? <Badge size="sm">{asideCount}</Badge> : undefined}
                  >
                    {asideLabel}
                  </Button>
                )}
              </Group>
              <GroupIssues item={current} path={current.linkId} />
              <ItemList items={current.item ?? []} path={current.linkId} />
              <Group justify="space-between">
                {previous ? (
                  <Button variant="default" onClick={() => onSectionChange(previous.linkId)}>
                    {t('assessmentPreviousSection', { name: translateItem(previous, ui) })}
                  </Button>
                ) : (
                  <span />
                )}
                {next && (
                  <Button variant="light" onClick={() => onSectionChange(next.linkId)}>
                    {t('assessmentNextSection', { name: translateItem(next, ui) })}
                  </Button>
                )}
              </Group>
            </Stack>
          )}
        </div>
        {aside && layout !== 'narrow' && (
          <aside className={classes.aside} aria-label={asideLabel}>
            {aside('inline')}
          </aside>
        )}
      </div>
      {aside && layout === 'narrow' && (
        <Drawer
          opened={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          position={dir === 'rtl' ? 'left' : 'right'}
          title={asideLabel}
          closeButtonProps={{ 'aria-label': t('close') }}
        >
          {aside('drawer')}
        </Drawer>
      )}
    </FormContext.Provider>
  );
}

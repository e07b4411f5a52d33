import { Badge, Button, Group, NavLink, VisuallyHidden } from '@mantine/core';
import { translateItem } from '@passage/core';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireItem } from '../fhir-types';

interface Props {
  sections: readonly QuestionnaireItem[];
  current: string;
  onSelect: (linkId: string) => void;
  issueCounts: ReadonlyMap<string, number>;
  language: string;
  vertical: boolean;
}

/** The form's sections as numbered steps; each shows how many of its answers need attention. */
export function SectionNav({ sections, current, onSelect, issueCounts, language, vertical }: Props) {
  const { t } = useTranslation();
  const entries = sections.map((section, index) => {
    const count = issueCounts.get(section.linkId) ?? 0;
    const label = `${index + 1}. ${translateItem(section, language)}`;
    const badge =
      count > 0 ? (
        <Badge color="red.8" size="sm" circle={count < 10}>
          {count}
          <VisuallyHidden component="span"> {t('assessmentProblems', { count })}</VisuallyHidden>
        </Badge>
      ) : undefined;
    return { section, label, badge, active: section.linkId === current };
  });
  return (
    <nav aria-label={t('assessmentSections')}>
      {vertical ? (
        entries.map(({ section, label, badge, active }) => (
          <NavLink
            key={section.linkId}
            component="button"
            type="button"
            label={label}
            rightSection={badge}
            active={active}
            aria-current={active ? 'step' : undefined}
            onClick={() => onSelect(section.linkId)}
            variant="light"
          />
        ))
      ) : (
        <Group gap="xs">
          {entries.map(({ section, label, badge, active }) => (
            <Button
              key={section.linkId}
              size="compact-md"
              variant={active ? 'filled' : 'default'}
              aria-current={active ? 'step' : undefined}
              rightSection={badge}
              onClick={() => onSelect(section.linkId)}
            >
              {label}
            </Button>
          ))}
        </Group>
      )}
    </nav>
  );
}

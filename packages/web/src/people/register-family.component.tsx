import type { Patient } from '@medplum/fhirtypes';
import { Button, Fieldset, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { FAMILY_RELATIONSHIPS, newPassageId, type Registration } from '@passage/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import { field, removeAt, replaceAt, type SectionProps } from './form-state';
import { PassageIdText } from './people-results.component';
import { PersonPicker } from './person-picker.component';
import { displayName, householdOf, passageIdOf } from './person';
import { Legend, RemoveButton } from './register-names.component';

export const RELATIONSHIP_LABELS: Record<(typeof FAMILY_RELATIONSHIPS)[number] | 'FRND', TranslationKey> = {
  MTH: 'peopleRelMother',
  FTH: 'peopleRelFather',
  SPS: 'peopleRelSpouse',
  CHILD: 'peopleRelChild',
  SIB: 'peopleRelSibling',
  GUARD: 'peopleRelGuardian',
  FAMMEMB: 'peopleRelFamilyMember',
  FRND: 'peopleRelFriend',
};

type Link = Registration['familyLinks'][number];

/** Relatives already registered, and the household group they share. */
export function FamilySection({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  // What the picked relatives bring that the form does not hold: their identifier and household.
  const [picked, setPicked] = useState<Record<string, Patient>>({});
  const setLink = (index: number, patch: Partial<Link>) =>
    update({ familyLinks: replaceAt(form.familyLinks, index, patch) });
  const households = Object.values(picked).flatMap((p) => {
    const household = householdOf(p);
    return household && household !== form.household ? [{ household, name: displayName(p)?.text ?? '' }] : [];
  });

  function pick(patient: Patient) {
    if (!patient.id) return;
    setPicked((previous) => ({ ...previous, [patient.id as string]: patient }));
    update({
      familyLinks: [
        ...form.familyLinks,
        { patientId: patient.id, display: displayName(patient)?.text ?? '', relationship: '' },
      ],
    });
  }

  return (
    <Fieldset legend={<Legend>{t('peopleFamilyLegend')}</Legend>}>
      <Stack>
        {form.familyLinks.map((link, i) => (
          <Paper key={link.patientId || i} withBorder p="sm">
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <Stack gap={4} style={{ flex: 1 }}>
                <Text fw={600} id={field(errors, `familyLinks.${i}.patientId`).id}>
                  <bdi>{link.display || link.patientId}</bdi>{' '}
                  <Text span size="sm" c="dimmed">
                    <PassageIdText
                      id={picked[link.patientId] && passageIdOf(picked[link.patientId] as Patient)}
                    />
                  </Text>
                </Text>
                {errors[`familyLinks.${i}.patientId`] && (
                  <Text size="sm" c="red.8">
                    {errors[`familyLinks.${i}.patientId`]}
                  </Text>
                )}
                <Select
                  label={t('peopleRelationship', { name: link.display || link.patientId })}
                  data={FAMILY_RELATIONSHIPS.map((code) => ({
                    value: code,
                    label: t(RELATIONSHIP_LABELS[code]),
                  }))}
                  value={link.relationship || null}
                  onChange={(value) => setLink(i, { relationship: (value ?? '') as Link['relationship'] })}
                  maw={320}
                  {...field(errors, `familyLinks.${i}.relationship`)}
                />
              </Stack>
              <RemoveButton
                label={t('peopleRemoveLink', { name: link.display || link.patientId })}
                onClick={() => update({ familyLinks: removeAt(form.familyLinks, i) })}
              />
            </Group>
          </Paper>
        ))}
        <PersonPicker
          label={t('peopleFindRelative')}
          excludeIds={form.familyLinks.map((l) => l.patientId)}
          onPick={pick}
        />

        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('peopleHousehold')}
            description={t('peopleHouseholdHint')}
            value={form.household}
            onChange={(e) => update({ household: e.currentTarget.value })}
            dir="ltr"
            maw={320}
            {...field(errors, 'household')}
          />
          <Button variant="light" onClick={() => update({ household: `H-${newPassageId()}` })}>
            {t('peopleNewHousehold')}
          </Button>
        </Group>
        {households.map(({ household, name }) => (
          <Group key={household} gap="sm">
            <Button variant="subtle" onClick={() => update({ household })}>
              {t('peopleJoinHousehold', { name, household })}
            </Button>
          </Group>
        ))}
      </Stack>
    </Fieldset>
  );
}

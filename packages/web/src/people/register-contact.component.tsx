import {
  Button,
  FileButton,
  Fieldset,
  Group,
  Image,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { CONTACT_RELATIONSHIPS, TELECOM_SYSTEMS, type Registration } from '@passage/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import { field, removeAt, replaceAt, type SectionProps } from './form-state';
import { resizePhoto } from './photo';
import { RELATIONSHIP_LABELS } from './register-family.component';
import { Legend, RemoveButton } from './register-names.component';

const SYSTEM_LABELS: Record<(typeof TELECOM_SYSTEMS)[number], TranslationKey> = {
  phone: 'peoplePhone',
  email: 'peopleEmail',
  other: 'peopleOtherContact',
};

type Point = Registration['telecom'][number];

/** Phone and e-mail, where the person stays, an emergency contact and a photo. */
export function ContactSection({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const setPoint = (index: number, patch: Partial<Point>) =>
    update({ telecom: replaceAt(form.telecom, index, patch) });
  const setEmergency = (patch: Partial<Registration['emergencyContact']>) =>
    update({ emergencyContact: { ...form.emergencyContact, ...patch } });

  return (
    <Fieldset legend={<Legend>{t('peopleContactLegend')}</Legend>}>
      <Stack>
        {form.telecom.map((point, i) => (
          <Group key={i} align="flex-start" gap="sm" wrap="nowrap">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ flex: 1 }}>
              <Select
                label={t('peopleContactKind')}
                data={TELECOM_SYSTEMS.map((system) => ({ value: system, label: t(SYSTEM_LABELS[system]) }))}
                value={point.system}
                allowDeselect={false}
                onChange={(value) => setPoint(i, { system: (value ?? 'phone') as Point['system'] })}
              />
              <TextInput
                label={t(SYSTEM_LABELS[point.system])}
                type={point.system === 'email' ? 'email' : point.system === 'phone' ? 'tel' : 'text'}
                value={point.value}
                onChange={(e) => setPoint(i, { value: e.currentTarget.value })}
                dir="ltr"
                autoComplete="off"
                {...field(errors, `telecom.${i}.value`)}
              />
            </SimpleGrid>
            <RemoveButton
              label={t('peopleRemoveContact', { n: i + 1 })}
              onClick={() => update({ telecom: removeAt(form.telecom, i) })}
            />
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() => update({ telecom: [...form.telecom, { system: 'phone', value: '' }] })}
          >
            {t('peopleAddPhone')}
          </Button>
          <Button
            variant="light"
            onClick={() => update({ telecom: [...form.telecom, { system: 'email', value: '' }] })}
          >
            {t('peopleAddEmail')}
          </Button>
        </Group>
        <TextInput
          label={t('peopleAddress')}
          description={t('peopleAddressHint')}
          value={form.address}
          onChange={(e) => update({ address: e.currentTarget.value })}
          {...field(errors, 'address')}
        />

        <Text fw={600} size="sm">
          {t('peopleEmergencyContact')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t('peopleEmergencyName')}
            value={form.emergencyContact.name}
            onChange={(e) => setEmergency({ name: e.currentTarget.value })}
            dir="auto"
            {...field(errors, 'emergencyContact.name')}
          />
          <Select
            label={t('peopleEmergencyRelationship')}
            data={CONTACT_RELATIONSHIPS.map((code) => ({ value: code, label: t(RELATIONSHIP_LABELS[code]) }))}
            value={form.emergencyContact.relationship || null}
            onChange={(value) =>
              setEmergency({
                relationship: (value ?? '') as Registration['emergencyContact']['relationship'],
              })
            }
            clearable
          />
          <TextInput
            type="tel"
            label={t('peoplePhone')}
            value={form.emergencyContact.phone}
            onChange={(e) => setEmergency({ phone: e.currentTarget.value })}
            dir="ltr"
            {...field(errors, 'emergencyContact.phone')}
          />
        </SimpleGrid>
        <PhotoField form={form} update={update} errors={errors} />
      </Stack>
    </Fieldset>
  );
}

function PhotoField({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function take(file: File | null) {
    if (!file) return;
    setBusy(true);
    setFailed(false);
    try {
      update({ photo: { contentType: 'image/jpeg', data: await resizePhoto(file) } });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  const error = failed ? t('peoplePhotoUnreadable') : errors['photo'];
  return (
    <Stack gap="xs" id={field(errors, 'photo').id} tabIndex={-1}>
      <Text fw={600} size="sm">
        {t('peoplePhoto')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('peoplePhotoHint')}
      </Text>
      <Group align="center">
        {form.photo && (
          <Image
            src={`data:image/jpeg;base64,${form.photo.data}`}
            alt={t('peoplePhotoPreview')}
            w={96}
            h={96}
            fit="cover"
            radius="sm"
          />
        )}
        <FileButton onChange={(file) => void take(file)} accept="image/*" capture="user">
          {(props) => (
            <Button variant="light" loading={busy} {...props}>
              {form.photo ? t('peoplePhotoRetake') : t('peoplePhotoTake')}
            </Button>
          )}
        </FileButton>
        {form.photo && (
          <Button variant="subtle" color="red" onClick={() => update({ photo: null })}>
            {t('peoplePhotoRemove')}
          </Button>
        )}
      </Group>
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

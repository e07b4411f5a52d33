import { ICD10_ENTRIES, icd10Coding, type Me, type OpenRequest } from '@passage/core';
import type { Patient } from '@medplum/fhirtypes';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Modal,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session.context';
import { ErrorAlert } from '../common/error-alert.component';
import { referencedId } from '../people/person';
import { localDay } from './dates';
import {
  MAX_NOTES,
  emptyFollowUp,
  followUpBundle,
  plannedBy,
  validateFollowUp,
  type FollowUpField,
  type FollowUpForm,
  type FollowUpIssue,
} from './follow-up';
import { postTransaction } from './record.resource';
import { useRecordText, type RecordText } from './record-text';

const CARE_ROLES = ['clinician', 'nurse'];

/** Where the visit takes place: the person's site if the user works there, else the user's care site. */
function visitSite(me: Me, patient: Patient): string | undefined {
  const registered = referencedId(patient.managingOrganization?.reference, 'Organization');
  const care = me.roles.filter((r) => CARE_ROLES.includes(r.role));
  return (care.find((r) => r.organizationId === registered) ?? care[0])?.organizationId ?? registered;
}

function message(text: RecordText, issue: FollowUpIssue | undefined): string | undefined {
  const { t } = text;
  switch (issue?.problem) {
    case undefined:
      return undefined;
    case 'required':
      return t('fieldRequired');
    case 'future':
      return t('recordDateNotFuture');
    case 'invalidDate':
      return t('recordInvalidDate');
    case 'positive':
      return t('recordWeightPositive');
    case 'bothPressures':
      return t('recordBothPressures');
    case 'systolicAboveDiastolic':
      return t('recordSystolicAboveDiastolic');
    case 'afterVisit':
      return t('recordNextAfterVisit');
    case 'empty':
      return t('recordFollowUpEmpty');
    case 'unknownDiagnosis':
      return t('recordUnknownDiagnosis');
    case 'range':
      return t('recordOutOfRange', { min: text.number(issue.min), max: text.number(issue.max) });
    case 'tooLong':
      return t('recordTooLong', { max: text.number(issue.max) });
  }
}

const asNumber = (value: number | string): number | undefined =>
  typeof value === 'number' ? value : undefined;

/** A follow-up visit: notes, vital signs and an optional new diagnosis, saved as one transaction. */
export function FollowUpModal({
  opened,
  patient,
  planned,
  onClose,
  onSaved,
}: {
  opened: boolean;
  patient: Patient & { id: string };
  planned: readonly OpenRequest[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const text = useRecordText();
  const me = useMe();
  const today = localDay();
  const [form, setForm] = useState<FollowUpForm>(() => emptyFollowUp(today));
  const [issues, setIssues] = useState<Partial<Record<FollowUpField, FollowUpIssue>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof FollowUpForm>(key: K, value: FollowUpForm[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    // A message stays until its field is changed; the next save checks everything again.
    setIssues(({ [key]: _changed, form: _empty, ...rest }) => rest);
  };
  const err = (field: FollowUpField) => message(text, issues[field]);

  const diagnoses = useMemo(
    () =>
      ICD10_ENTRIES.map((entry) => ({
        value: entry.code,
        label: `${entry.code} · ${text.coded(icd10Coding(entry.code), entry.display)}`,
      })),
    [text],
  );
  const requests = planned.map((p) => p.request);
  const closing = plannedBy(requests, form.date || today);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateFollowUp(form, today);
    setIssues(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const role =
        me.roles.find((r) => CARE_ROLES.includes(r.role))?.role ?? me.roles[0]?.role ?? 'clinician';
      await postTransaction(
        followUpBundle(form, {
          patientId: patient.id,
          siteId: visitSite(me, patient),
          author: { userId: me.id, display: me.displayName, role },
          now: new Date().toISOString(),
          today,
          newId: () => crypto.randomUUID(),
          planned: requests,
        }),
      );
      setForm(emptyFollowUp(today));
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const number = (
    field: 'temperature' | 'systolic' | 'diastolic' | 'heartRate' | 'weight',
    label: string,
    unit: string,
    decimals: boolean,
  ) => (
    <NumberInput
      label={`${label} (${unit})`}
      value={form[field] ?? ''}
      allowDecimal={decimals}
      decimalScale={decimals ? 1 : 0}
      allowNegative={false}
      hideControls
      error={err(field)}
      onChange={(value) => set(field, asNumber(value))}
    />
  );

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={t('recordFollowUpTitle')}
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <TextInput
            type="date"
            label={t('recordVisitDate')}
            value={form.date}
            max={today}
            withAsterisk
            error={err('date')}
            onChange={(e) => set('date', e.currentTarget.value)}
          />
          <Textarea
            label={t('recordNotes')}
            value={form.notes}
            autosize
            minRows={3}
            maxLength={MAX_NOTES}
            error={err('notes')}
            onChange={(e) => set('notes', e.currentTarget.value)}
          />
          <Fieldset legend={t('recordVitalsTitle')}>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              {number('temperature', t('recordVitalTemperature'), '°C', true)}
              {number('heartRate', t('recordVitalHeartRate'), '/min', false)}
              {number('systolic', t('recordSystolic'), 'mmHg', false)}
              {number('diastolic', t('recordDiastolic'), 'mmHg', false)}
              {number('weight', t('recordVitalWeight'), 'kg', true)}
            </SimpleGrid>
          </Fieldset>
          <Select
            label={t('recordNewDiagnosis')}
            description={t('recordNewDiagnosisHint')}
            data={diagnoses}
            value={form.diagnosis || null}
            searchable
            clearable
            nothingFoundMessage={t('recordNoDiagnosisFound')}
            error={err('diagnosis')}
            onChange={(value) => set('diagnosis', value ?? '')}
          />
          {form.diagnosis && (
            <Radio.Group
              label={t('recordVerification')}
              value={form.diagnosisStatus}
              onChange={(value) =>
                set('diagnosisStatus', value === 'confirmed' ? 'confirmed' : 'provisional')
              }
            >
              <Group mt="xs">
                <Radio value="provisional" label={text.status('provisional')} />
                <Radio value="confirmed" label={text.status('confirmed')} />
              </Group>
            </Radio.Group>
          )}
          <TextInput
            type="date"
            label={t('recordNextFollowUp')}
            value={form.nextFollowUp}
            min={form.date || today}
            error={err('nextFollowUp')}
            onChange={(e) => set('nextFollowUp', e.currentTarget.value)}
          />
          {closing.length > 0 && (
            <Checkbox
              checked={form.closePlanned}
              onChange={(e) => set('closePlanned', e.currentTarget.checked)}
              label={t('recordClosePlanned', {
                dates: closing
                  .map((r) =>
                    r.occurrenceDateTime ? text.date(r.occurrenceDateTime) : t('recordDateUnknown'),
                  )
                  .join(t('listSeparator')),
              })}
            />
          )}
          {issues.form && (
            <Alert color="red" role="alert">
              {err('form')}
            </Alert>
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('recordSaveFollowUp')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import type { Patient } from '@medplum/fhirtypes';
import { Alert, Anchor, Button, Grid, Group, List, Select, Stack, Text } from '@mantine/core';
import {
  RegistrationSchema,
  emptyRegistration,
  registrationToPatient,
  roleHas,
  type Registration,
} from '@passage/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useMe } from '../auth/session.context';
import { ErrorAlert } from '../common/error-alert.component';
import { Page } from '../common/page.component';
import { collectFieldErrors, fieldId, serverIssueField, type FieldErrors } from './form-issues';
import { MatchPanel } from './match-panel.component';
import { createPatient } from './people.resource';
import { SexBirthSection } from './register-birth.component';
import { ContactSection } from './register-contact.component';
import { DocumentsSection } from './register-documents.component';
import { FamilySection } from './register-family.component';
import { JourneySection } from './register-journey.component';
import { NamesSection } from './register-names.component';
import { OriginSection } from './register-origin.component';
import { issueMessage } from './registration-problems';

/** Focuses the field of a problem, or the nearest enclosing one that exists (`nationalities.1` → `nationalities`). */
function focusField(path: string): void {
  for (let parts = path.split('.'); parts.length; parts = parts.slice(0, -1)) {
    const element = document.getElementById(fieldId(parts.join('.')));
    if (element) {
      element.focus();
      element.scrollIntoView({ block: 'center' });
      return;
    }
  }
}

/** Registers a new person: who they are, where they come from, how to reach them. */
export function RegisterPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const sites = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of me.roles)
      if (roleHas(r.role, 'demographics.write')) seen.set(r.organizationId, r.organizationName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [me.roles]);
  const [siteId, setSiteId] = useState(sites[0]?.value ?? '');
  const [form, setForm] = useState<Registration>(() => emptyRegistration());
  const [checked, setChecked] = useState(false);
  const [server, setServer] = useState<{ fields: FieldErrors; other: string[] }>({ fields: {}, other: [] });
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const result = useMemo(() => RegistrationSchema.safeParse(form), [form]);
  const problems = checked && !result.success ? result.error.issues : [];
  const errors: FieldErrors = {
    ...server.fields,
    ...collectFieldErrors(problems, (i) => issueMessage(t, i)),
  };
  const update = (patch: Partial<Registration>) => {
    setForm((previous) => ({ ...previous, ...patch }));
    setServer({ fields: {}, other: [] }); // The server judged the previous form, not this one.
  };

  // What is known so far, for the likely-duplicates search: names, birth and sex matter most.
  const probe = useMemo((): Patient | undefined => {
    const { name, transliterations, gender, birth } = form;
    const named = [name, ...transliterations].some((n) => n.given.trim() || n.family.trim());
    if (!named) return undefined;
    return registrationToPatient(
      { ...emptyRegistration(), name, transliterations, gender, birth },
      { siteId },
    );
  }, [form, siteId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    setSubmitError(null);
    if (!result.success) {
      const first = result.error.issues[0];
      if (first) requestAnimationFrame(() => focusField(first.path.map(String).join('.')));
      return;
    }
    setSubmitting(true);
    try {
      const created = await createPatient(registrationToPatient(result.data, { siteId }));
      void navigate(`/people/${encodeURIComponent(created.id ?? '')}/card?new=1`);
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.issues.length) {
        const fields: Record<string, string> = {};
        const other: string[] = [];
        for (const issue of error.issues) {
          const path = serverIssueField(issue.expression);
          if (path) fields[path] ??= issue.message;
          else other.push(issue.expression ? `${issue.message} (${issue.expression})` : issue.message);
        }
        setServer({ fields, other });
        const first = Object.keys(fields)[0];
        if (first) requestAnimationFrame(() => focusField(first));
      }
      setSubmitError(error);
    }
  }

  const summary = problems.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issueMessage(t, issue),
  }));
  return (
    <Page title={t('peopleRegisterTitle')}>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('peopleRegisterTitle')}>
            <Stack gap="lg">
              {sites.length > 1 && (
                <Select
                  label={t('peopleRegisteringSite')}
                  data={sites}
                  value={siteId}
                  onChange={(value) => setSiteId(value ?? siteId)}
                  allowDeselect={false}
                  maw={420}
                />
              )}
              <NamesSection form={form} update={update} errors={errors} />
              <SexBirthSection form={form} update={update} errors={errors} />
              <OriginSection form={form} update={update} errors={errors} />
              <DocumentsSection form={form} update={update} errors={errors} />
              <JourneySection form={form} update={update} errors={errors} />
              <FamilySection form={form} update={update} errors={errors} />
              <ContactSection form={form} update={update} errors={errors} />

              {summary.length > 0 && (
                <Alert color="red" role="alert" title={t('peopleFixProblems', { count: summary.length })}>
                  <List size="sm">
                    {summary.map(({ path, message }, i) => (
                      <List.Item key={`${path}-${i}`}>
                        <Anchor component="button" type="button" size="sm" onClick={() => focusField(path)}>
                          {message}
                        </Anchor>
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              {server.other.length > 0 && (
                <Alert color="red" role="alert" title={t('peopleServerRefused')}>
                  <List size="sm">
                    {server.other.map((message, i) => (
                      <List.Item key={i}>{message}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              {server.other.length === 0 && Object.keys(server.fields).length === 0 && (
                <ErrorAlert error={submitError} />
              )}
              {!siteId && (
                <Text c="red.8" role="alert">
                  {t('peopleNoSite')}
                </Text>
              )}
              <Group>
                <Button type="submit" size="md" loading={submitting} disabled={!siteId}>
                  {t('peopleRegisterSubmit')}
                </Button>
                <Button component={Link} to="/people" variant="default" size="md">
                  {t('cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }} order={{ base: -1, lg: 1 }}>
          <div style={{ position: 'sticky', insetBlockStart: 80 }}>
            <MatchPanel patient={probe} />
          </div>
        </Grid.Col>
      </Grid>
    </Page>
  );
}

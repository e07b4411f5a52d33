import type { Patient } from '@medplum/fhirtypes';
import { Anchor, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TranslationKey } from '../common/errors';
import { countryName } from '../people/countries';
import { NameText, PassageIdText } from '../people/people-results.component';
import { usePersonFormat } from '../people/person-format';
import { IDENTIFIER_LABELS } from '../people/register-documents.component';
import type { ShownName } from '../people/person';
import { sexLabel } from '../people/sex-labels';
import { formatFhirDate } from '../record/dates';
import type { FactRow, PersonFacts } from './person-facts';

const RELATIONSHIPS: Record<string, TranslationKey> = {
  MTH: 'peopleRelMother',
  FTH: 'peopleRelFather',
  SPS: 'peopleRelSpouse',
  CHILD: 'peopleRelChild',
  SIB: 'peopleRelSibling',
  GUARD: 'peopleRelGuardian',
  FAMMEMB: 'peopleRelFamilyMember',
};

const NOTHING = (
  <Text span c="dimmed">
    —
  </Text>
);

function Lines({ children }: { children: ReactNode[] }) {
  if (children.length === 0) return NOTHING;
  return <Stack gap={2}>{children}</Stack>;
}

function Names({ names, large }: { names: ShownName[]; large?: boolean }) {
  return (
    <Lines>
      {names.map((name, i) => (
        <Text key={i} fz={large ? 'lg' : undefined}>
          <NameText name={name} />
        </Text>
      ))}
    </Lines>
  );
}

export interface FactContext {
  patient: Patient;
  facts: PersonFacts;
  siteName: (id: string) => string;
}

/** One record's value for one row of the comparison. */
export function FactValue({ row, patient, facts, siteName }: FactContext & { row: FactRow }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const format = usePersonFormat();
  switch (row) {
    case 'native':
      return <Names names={facts.native} large />;
    case 'latin':
      return <Names names={facts.latin} />;
    case 'other':
      return <Names names={facts.other} />;
    case 'sex': {
      const key = sexLabel(facts.sex);
      return key ? <>{t(key)}</> : NOTHING;
    }
    case 'birth':
      return facts.birth ? <>{format.birth(patient)}</> : NOTHING;
    case 'nationality':
      return facts.nationalities.length ? <>{format.nationalities(patient)}</> : NOTHING;
    case 'documents':
      return (
        <Lines>
          {facts.documents.map((d, i) => (
            <Text key={i} size="sm">
              {d.type ? t(IDENTIFIER_LABELS[d.type]) : '—'}
              {d.country && ` · ${countryName(d.country, language)}`}
              {' · '}
              <PassageIdText id={d.value} />
            </Text>
          ))}
        </Lines>
      );
    case 'passageId':
      return <PassageIdText id={facts.passageId} />;
    case 'site':
      return facts.siteId ? <bdi>{siteName(facts.siteId)}</bdi> : NOTHING;
    case 'arrival': {
      const arrival = facts.arrival;
      if (!arrival) return NOTHING;
      const parts = [
        arrival.date && formatFhirDate(arrival.date, language),
        arrival.place,
        arrival.country && countryName(arrival.country, language),
      ].filter(Boolean);
      return <bdi>{parts.join(' · ')}</bdi>;
    }
    case 'family':
      return (
        <Lines>
          {[
            ...facts.family.map((link, i) => {
              const relationship = RELATIONSHIPS[link.relationship];
              return (
                <Text key={i} size="sm">
                  <Text span size="sm" c="dimmed">
                    {relationship ? t(relationship) : link.relationship}
                  </Text>{' '}
                  <Anchor component={Link} to={`/people/${encodeURIComponent(link.patientId)}`} size="sm">
                    <bdi>{link.display || t('identityUnnamedRelative')}</bdi>
                  </Anchor>
                </Text>
              );
            }),
            ...(facts.household
              ? [
                  <Text key="household" size="sm">
                    <Text span size="sm" c="dimmed">
                      {t('peopleHousehold')}
                    </Text>{' '}
                    <bdi>{facts.household}</bdi>
                  </Text>,
                ]
              : []),
          ]}
        </Lines>
      );
  }
}

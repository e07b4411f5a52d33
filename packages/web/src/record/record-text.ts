/**
 * How the record's coded data reads in one language: kinds, statuses, vital-sign names and values
 * from this feature's catalogue, coded answers from the assessment's catalogues (core), and English
 * from the record itself when no translation exists. One factory serves the page (the interface
 * language) and each column of the bilingual summary.
 */
import { translateCoding, translationStatus, type TimelineKind, type TimelineValue } from '@passage/core';
import type { Coding } from '@medplum/fhirtypes';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import { formatFhirDate } from './dates';

export const KIND_KEYS: Record<TimelineKind, TranslationKey> = {
  visit: 'recordKindVisit',
  assessment: 'recordKindAssessment',
  'vital-signs': 'recordKindVitalSigns',
  observation: 'recordKindObservation',
  result: 'recordKindResult',
  condition: 'recordKindCondition',
  immunization: 'recordKindImmunization',
  allergy: 'recordKindAllergy',
  medication: 'recordKindMedication',
  referral: 'recordKindReferral',
  'follow-up': 'recordKindFollowUp',
  screening: 'recordKindScreening',
  vaccination: 'recordKindVaccination',
};

/** Statuses of the resources shown (FHIR codes, plus the timeline's pending/declined/given/…). */
const STATUS_KEYS: Record<string, TranslationKey> = {
  active: 'recordStatusActive',
  recurrence: 'recordStatusRecurrence',
  relapse: 'recordStatusRecurrence',
  inactive: 'recordStatusInactive',
  remission: 'recordStatusRemission',
  resolved: 'recordStatusResolved',
  provisional: 'recordStatusProvisional',
  differential: 'recordStatusProvisional',
  confirmed: 'recordStatusConfirmed',
  unconfirmed: 'recordStatusUnconfirmed',
  pending: 'recordStatusPending',
  declined: 'recordStatusDeclined',
  final: 'recordStatusFinal',
  amended: 'recordStatusAmended',
  corrected: 'recordStatusAmended',
  preliminary: 'recordStatusPreliminary',
  completed: 'recordStatusCompleted',
  revoked: 'recordStatusDeclined',
  'on-hold': 'recordStatusOnHold',
  finished: 'recordStatusFinished',
  'in-progress': 'recordStatusInProgress',
  stopped: 'recordStatusStopped',
  intended: 'recordStatusIntended',
  given: 'recordStatusGiven',
  documented: 'recordStatusDocumented',
  'self-reported': 'recordStatusSelfReported',
};

/** LOINC codes of vital signs and body measurements. */
const VITAL_KEYS: Record<string, TranslationKey> = {
  '8310-5': 'recordVitalTemperature',
  '85354-9': 'recordVitalBloodPressure',
  '8867-4': 'recordVitalHeartRate',
  '9279-1': 'recordVitalRespiratoryRate',
  '59408-5': 'recordVitalOxygenSaturation',
  '29463-7': 'recordVitalWeight',
  '8302-2': 'recordVitalHeight',
  '39156-5': 'recordVitalBmi',
  '56072-2': 'recordVitalMuac',
  '9843-4': 'recordVitalHeadCircumference',
};

const RESULT_KEYS: Record<string, TranslationKey> = {
  positive: 'recordResultPositive',
  negative: 'recordResultNegative',
  indeterminate: 'recordResultIndeterminate',
};

/** Per-minute units read the same everywhere once written as "/min". */
const UNITS: Record<string, string> = { 'beats/min': '/min', 'breaths/min': '/min', '{SD}': 'SD' };

export interface RecordText {
  language: string;
  t: TFunction;
  kind: (kind: TimelineKind) => string;
  /** A status word, or the code itself when it has no translation. */
  status: (status: string) => string;
  /** A Coding's text in this language; `fallback` (the record's own English) when untranslated. */
  coded: (code: Coding | undefined, fallback: string) => string;
  value: (value: TimelineValue) => string;
  valueLabel: (value: TimelineValue) => string;
  date: (value: string, withTime?: boolean) => string;
  number: (value: number) => string;
}

export function recordText(t: TFunction, language: string): RecordText {
  const numbers = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const coded = (code: Coding | undefined, fallback: string) => {
    if (!code) return fallback;
    const vital = code.system === 'http://loinc.org' ? VITAL_KEYS[code.code ?? ''] : undefined;
    if (vital) return t(vital);
    if (translationStatus(language, code) === 'missing') return fallback || code.display || code.code || '';
    return translateCoding(code, language);
  };
  return {
    language,
    t,
    kind: (kind) => t(KIND_KEYS[kind]),
    status: (status) => {
      const key = STATUS_KEYS[status];
      return key ? t(key) : status;
    },
    coded,
    valueLabel: (value) => coded(value.code, value.label),
    value: (value) => {
      if (value.quantities?.length) {
        const unit = value.quantities[0]?.unit ?? '';
        const numbers_ = value.quantities.map((q) => numbers.format(q.value)).join('/');
        const shown = UNITS[unit] ?? unit;
        return shown ? `${numbers_} ${shown}` : numbers_;
      }
      if (value.boolean !== undefined) return t(value.boolean ? 'recordYes' : 'recordNo');
      const result = value.valueCode?.code ? RESULT_KEYS[value.valueCode.code] : undefined;
      if (result) return t(result);
      return coded(value.valueCode, value.text ?? '');
    },
    date: (value, withTime = false) => formatFhirDate(value, language, withTime),
    number: (value) => numbers.format(value),
  };
}

/** The record's texts in the interface language. */
export function useRecordText(): RecordText {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => recordText(t, language), [t, language]);
}

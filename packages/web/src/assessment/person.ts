/** What the assessment shows about the person, read from the FHIR Patient. */
import { LANGUAGE_EXT, PASSAGE_ID_SYSTEM, ageInDays, completedYears } from '@passage/core';
import type { Patient } from './fhir-types';

export interface PersonName {
  text: string;
  /** BCP 47 tag of the name's language and script (`ar-Arab`), when recorded. */
  language: string | undefined;
}

/** The official name first (often in the person's own script), then its Latin transliterations. */
export function personNames(patient: Patient): PersonName[] {
  const names = (patient.name ?? []).filter((n) => n.use !== 'old' && n.use !== 'anonymous');
  const ordered = [
    ...names.filter((n) => n.use === 'official'),
    ...names.filter((n) => n.use !== 'official'),
  ];
  const seen = new Set<string>();
  return ordered.flatMap((n) => {
    const text = (n.text ?? [...(n.given ?? []), n.family ?? ''].join(' ')).trim();
    if (!text || seen.has(text)) return [];
    seen.add(text);
    return [{ text, language: n.extension?.find((e) => e.url === LANGUAGE_EXT)?.valueCode }];
  });
}

export function passageId(patient: Patient): string | undefined {
  return patient.identifier?.find((i) => i.system === PASSAGE_ID_SYSTEM)?.value;
}

/** The preferred language's base tag (`ar`), or the first language recorded. */
export function preferredLanguage(patient: Patient): string | undefined {
  const communication = patient.communication ?? [];
  const chosen = communication.find((c) => c.preferred) ?? communication[0];
  return chosen?.language?.coding?.[0]?.code ?? undefined;
}

/** Age to show: in months under two years (as child health counts), else in completed years. */
export function personAge(
  patient: Patient,
  today: string,
): { unit: 'months' | 'years'; value: number } | undefined {
  if (!patient.birthDate) return undefined;
  const days = ageInDays(patient.birthDate, today);
  if (days === undefined || days < 0) return undefined;
  if (days < 2 * 365.25) return { unit: 'months', value: Math.floor(days / 30.4375) };
  const years = completedYears(patient.birthDate, today);
  return years === undefined ? undefined : { unit: 'years', value: years };
}

/** Today's date where the form is filled in (local time, not UTC). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A language's name in another language ("arabe" in French), falling back to its tag. */
export function languageName(code: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

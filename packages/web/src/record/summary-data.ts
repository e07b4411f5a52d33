/**
 * What goes on the person-held summary (like an International Patient Summary on paper). Sensitive
 * entries are left off unless the clinician includes them with the person's agreement: the paper
 * leaves the clinic and may be shown to anyone.
 */
import {
  allergyList,
  immunizationHistory,
  isSensitiveResource,
  latestVitals,
  medicationList,
  openFollowUps,
  openRecommendations,
  openReferrals,
  pendingResults,
  problemList,
  type AllergyItem,
  type MedicationItem,
  type OpenRequest,
  type PendingResult,
  type ProblemItem,
  type VaccineHistory,
  type VitalReading,
} from '@passage/core';
import type { Resource } from '@medplum/fhirtypes';

export interface SummaryData {
  allergies: AllergyItem[];
  problems: ProblemItem[];
  medication: MedicationItem[];
  vaccines: VaccineHistory[];
  vitals: VitalReading[];
  pendingResults: PendingResult[];
  /** Open referrals and recommended screenings or vaccines. */
  requests: OpenRequest[];
  /** The earliest planned follow-up visit not yet held. */
  nextFollowUp: string | undefined;
  /** How many entries were left off because they are sensitive. */
  omitted: number;
}

export function summaryData(
  resources: readonly Resource[],
  includeSensitive: boolean,
  today: string,
): SummaryData {
  let omitted = 0;
  const keep = <T>(items: readonly T[], sensitive: (item: T) => boolean): T[] =>
    items.filter((item) => {
      if (includeSensitive || !sensitive(item)) return true;
      omitted += 1;
      return false;
    });
  const bySensitive = (item: { sensitive: boolean }) => item.sensitive;
  const followUps = openFollowUps(resources, today).filter((f) => f.due);
  return {
    allergies: keep(
      allergyList(resources).filter((a) => a.active),
      bySensitive,
    ),
    problems: keep(problemList(resources).active, bySensitive),
    medication: keep(medicationList(resources).current, bySensitive),
    // Vaccines carry no sensitivity label: every dose is shown.
    vaccines: immunizationHistory(resources).vaccines,
    vitals: keep(latestVitals(resources), (v) => isSensitiveResource(v.observation)),
    pendingResults: keep(pendingResults(resources), bySensitive),
    requests: keep(
      [...openReferrals(resources, today), ...openRecommendations(resources, today)],
      bySensitive,
    ),
    nextFollowUp: followUps.find((f) => (f.due ?? '') >= today)?.due ?? followUps[0]?.due,
    omitted,
  };
}

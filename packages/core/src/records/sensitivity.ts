/**
 * Sensitive data (recorded only with the person's agreement and hidden from roles that do not need
 * it): whole resources carry the v3 Confidentiality label "R" in meta.security; within otherwise
 * ordinary resources, the migration category on a Patient and answers to sensitive questions in a
 * QuestionnaireResponse are marked. Redaction removes them; restoring puts them back when someone
 * who could not see them saves the resource, so hiding never loses data.
 */
import type {
  Extension,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Resource,
} from '@medplum/fhirtypes';
import { CONFIDENTIALITY_SYSTEM, MIGRATION_CATEGORY_EXT, SENSITIVE_ITEM_EXT } from './fhir-conventions.ts';

export function isSensitiveResource(resource: Resource): boolean {
  return Boolean(
    resource.meta?.security?.some(
      (s) => s.system === CONFIDENTIALITY_SYSTEM && (s.code === 'R' || s.code === 'V'),
    ),
  );
}

const isSensitiveItem = (item: QuestionnaireResponseItem) =>
  Boolean(item.extension?.some((e) => e.url === SENSITIVE_ITEM_EXT && e.valueBoolean));

function stripItems(items: QuestionnaireResponseItem[] | undefined): QuestionnaireResponseItem[] | undefined {
  if (!items) return undefined;
  return items
    .filter((item) => !isSensitiveItem(item))
    .map((item) => (item.item ? { ...item, item: stripItems(item.item) ?? [] } : item));
}

/** The resource without its sensitive parts (unchanged if it has none). */
export function redactSensitive<T extends Resource>(resource: T): T {
  if (resource.resourceType === 'Patient') {
    const patient = resource as Patient;
    if (!patient.extension?.some((e) => e.url === MIGRATION_CATEGORY_EXT)) return resource;
    return { ...patient, extension: patient.extension.filter((e) => e.url !== MIGRATION_CATEGORY_EXT) } as T;
  }
  if (resource.resourceType === 'QuestionnaireResponse') {
    const response = resource as QuestionnaireResponse;
    return { ...response, item: stripItems(response.item) ?? [] } as T;
  }
  return resource;
}

/**
 * `incoming` as saved by someone who saw `stored` redacted: the hidden parts of `stored` are kept.
 * (Sensitive QuestionnaireResponse answers are only ever written by the server's extraction, so
 * only the Patient's migration category needs restoring.)
 */
export function restoreSensitive<T extends Resource>(stored: Resource, incoming: T): T {
  if (incoming.resourceType !== 'Patient' || stored.resourceType !== 'Patient') return incoming;
  const hidden: Extension[] = ((stored as Patient).extension ?? []).filter(
    (e) => e.url === MIGRATION_CATEGORY_EXT,
  );
  if (hidden.length === 0) return incoming;
  const rest = ((incoming as Patient).extension ?? []).filter((e) => e.url !== MIGRATION_CATEGORY_EXT);
  return { ...incoming, extension: [...rest, ...hidden] } as T;
}

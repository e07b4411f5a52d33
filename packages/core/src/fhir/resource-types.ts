/**
 * The FHIR resource types Passage stores, what kind of data each holds (which decides who may see
 * it), and where each points to the person whose record it belongs to.
 */

export type DataCategory = 'demographic' | 'clinical' | 'reference' | 'audit';

export interface ResourceTypeInfo {
  readonly category: DataCategory;
  /** Element holding the reference to the person (their compartment); `self` for Patient. */
  readonly patientElement?: string;
}

export const RESOURCE_TYPES = {
  Patient: { category: 'demographic', patientElement: 'self' },
  Encounter: { category: 'clinical', patientElement: 'subject' },
  Observation: { category: 'clinical', patientElement: 'subject' },
  Condition: { category: 'clinical', patientElement: 'subject' },
  Immunization: { category: 'clinical', patientElement: 'patient' },
  AllergyIntolerance: { category: 'clinical', patientElement: 'patient' },
  MedicationStatement: { category: 'clinical', patientElement: 'subject' },
  QuestionnaireResponse: { category: 'clinical', patientElement: 'subject' },
  ServiceRequest: { category: 'clinical', patientElement: 'subject' },
  Consent: { category: 'clinical', patientElement: 'patient' },
  Provenance: { category: 'clinical', patientElement: 'target' },
  Questionnaire: { category: 'reference' },
  Organization: { category: 'reference' },
  Location: { category: 'reference' },
  Practitioner: { category: 'reference' },
  AuditEvent: { category: 'audit' },
} as const satisfies Record<string, ResourceTypeInfo>;

export type StoredResourceType = keyof typeof RESOURCE_TYPES;
export const STORED_RESOURCE_TYPES = Object.keys(RESOURCE_TYPES) as StoredResourceType[];

export function isStoredResourceType(type: string): type is StoredResourceType {
  return Object.hasOwn(RESOURCE_TYPES, type);
}

/** AuditEvents are written by the server alone; the API only reads them. */
export function isWritableResourceType(type: StoredResourceType): boolean {
  return RESOURCE_TYPES[type].category !== 'audit';
}

/** FHIR ids: 1–64 of A–Z, a–z, 0–9, '-' and '.'. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function isFhirId(value: string): boolean {
  return FHIR_ID.test(value);
}

/** Splits a relative reference `Type/id` (optionally `Type/id/_history/n`). */
export function parseRelativeReference(reference: string): { type: string; id: string } | undefined {
  const m = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/\d+)?$/.exec(reference);
  return m ? { type: m[1] as string, id: m[2] as string } : undefined;
}

/**
 * The search parameters Passage supports: every standard FHIR R4 parameter of the stored types whose
 * type is token, string, date, reference, quantity or uri, plus `_id` and `_lastUpdated`. Definitions
 * come from the FHIR R4 specification as indexed by @medplum/core (the server loads them at start).
 */
import { getSearchParameters, parseFhirPath, type FhirPathAtom } from '@medplum/core';
import { STORED_RESOURCE_TYPES, type StoredResourceType } from './resource-types.ts';

export type IndexedParamType = 'token' | 'string' | 'date' | 'reference' | 'quantity';

export interface SearchParamDef {
  readonly code: string;
  readonly type: IndexedParamType;
  readonly expression: FhirPathAtom;
  readonly expressionText: string;
  /** Reference parameters: the resource types they may point to. */
  readonly targets: readonly string[];
}

const SUPPORTED_TYPES: Record<string, IndexedParamType> = {
  token: 'token',
  string: 'string',
  date: 'date',
  reference: 'reference',
  quantity: 'quantity',
  uri: 'token',
};

/** Parameters answered from columns of the resource table rather than from index rows. */
export const COLUMN_PARAMS = { _id: 'token', _lastUpdated: 'date' } as const;

/**
 * Passage's own search parameters, for what the standard has no parameter for: finding people by
 * nationality or country of birth (HL7 extensions), as a registration desk does every day.
 */
export const PASSAGE_SEARCH_PARAMS: readonly {
  base: StoredResourceType;
  code: string;
  type: IndexedParamType;
  expression: string;
}[] = [
  {
    base: 'Patient',
    code: 'nationality',
    type: 'token',
    expression:
      "Patient.extension('http://hl7.org/fhir/StructureDefinition/patient-nationality').extension('code').value",
  },
  {
    base: 'Patient',
    code: 'birth-country',
    type: 'token',
    expression:
      "Patient.extension('http://hl7.org/fhir/StructureDefinition/patient-birthPlace').value.country",
  },
];

let cache: Map<StoredResourceType, Map<string, SearchParamDef>> | undefined;

/** The indexed search parameters of a type, by code. Needs the FHIR definitions loaded first. */
export function searchParamsOf(type: StoredResourceType): ReadonlyMap<string, SearchParamDef> {
  cache ??= buildAll();
  return cache.get(type) ?? new Map();
}

function buildAll(): Map<StoredResourceType, Map<string, SearchParamDef>> {
  const all = new Map<StoredResourceType, Map<string, SearchParamDef>>();
  for (const type of STORED_RESOURCE_TYPES) {
    const defs = new Map<string, SearchParamDef>();
    for (const [code, param] of Object.entries(getSearchParameters(type) ?? {})) {
      const indexedType = SUPPORTED_TYPES[param.type ?? ''];
      if (!indexedType || !param.expression || code in COLUMN_PARAMS) continue;
      // Only the branch of a shared expression that applies to this type is evaluated.
      const expressionText = param.expression
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s.startsWith(`${type}.`) || s.startsWith(`(${type}.`) || s.startsWith('Resource.'))
        .join(' | ');
      if (!expressionText) continue;
      defs.set(code, {
        code,
        type: indexedType,
        expression: parseFhirPath(expressionText),
        expressionText,
        targets: param.target ?? [],
      });
    }
    for (const custom of PASSAGE_SEARCH_PARAMS.filter((p) => p.base === type)) {
      defs.set(custom.code, {
        code: custom.code,
        type: custom.type,
        expression: parseFhirPath(custom.expression),
        expressionText: custom.expression,
        targets: [],
      });
    }
    all.set(type, defs);
  }
  if ((all.get('Patient')?.size ?? 0) === 0) {
    throw new Error('FHIR search parameter definitions are not loaded');
  }
  return all;
}

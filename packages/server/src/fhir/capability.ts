/** The CapabilityStatement: exactly the interactions and search parameters this server supports. */
import type { CapabilityStatement } from '@medplum/fhirtypes';
import {
  RESOURCE_TYPES,
  searchParamsOf,
  STORED_RESOURCE_TYPES,
  type StoredResourceType,
} from '@passage/core';
import { AUDIT_SEARCH_PARAMS } from '../audit/audit-fhir.ts';

export function capabilityStatement(baseUrl: string, version: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: 'Passage', version },
    implementation: { description: 'Passage FHIR R4 server', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          description:
            'Sign in at /api/auth/login; send the access token as a Bearer token or the session cookie.',
        },
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        resource: STORED_RESOURCE_TYPES.map((type) => resourceCapability(type)),
      },
    ],
  };
}

/** The operations Passage implements, by resource type (see records/records-routes.ts). */
const OPERATIONS: Partial<Record<StoredResourceType, { name: string; definition: string }[]>> = {
  Patient: [
    { name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' },
    { name: 'match', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-match' },
  ],
  QuestionnaireResponse: [
    {
      name: 'extract',
      definition: 'http://hl7.org/fhir/uv/sdc/OperationDefinition/QuestionnaireResponse-extract',
    },
  ],
};

function resourceCapability(type: StoredResourceType) {
  const audit = RESOURCE_TYPES[type].category === 'audit';
  const params = audit
    ? AUDIT_SEARCH_PARAMS.map((p) => ({ name: p.code, type: p.type }))
    : [
        { name: '_id', type: 'token' as const },
        { name: '_lastUpdated', type: 'date' as const },
        ...[...searchParamsOf(type).values()].map((p) => ({ name: p.code, type: p.type })),
      ];
  return {
    type,
    versioning: 'versioned' as const,
    readHistory: !audit,
    updateCreate: !audit,
    conditionalCreate: false,
    conditionalUpdate: false,
    conditionalDelete: 'not-supported' as const,
    interaction: (audit
      ? ['read', 'search-type']
      : ['read', 'vread', 'update', 'delete', 'history-instance', 'create', 'search-type']
    ).map((code) => ({ code: code as 'read' })),
    searchInclude: audit
      ? []
      : [...searchParamsOf(type).values()]
          .filter((p) => p.type === 'reference')
          .map((p) => `${type}:${p.code}`),
    searchParam: params,
    ...(OPERATIONS[type] ? { operation: OPERATIONS[type] } : {}),
  };
}

/** Validation of incoming resources against the FHIR R4 structure definitions, plus Passage's own rules. */
import { OperationOutcomeError, validateResource, type TypedValueWithPath } from '@medplum/core';
import { checkRequiredBindings } from '../terminology.ts';
import type { Resource } from '@medplum/fhirtypes';
import {
  badRequest,
  isFhirId,
  isStoredResourceType,
  isWritableResourceType,
  PassageError,
  latestToday,
  plausibilityIssues,
  unprocessable,
  type FieldIssue,
  type StoredResourceType,
} from '@passage/core';

/** Checks shape and type; returns the resource typed. Throws 400 for what is not a resource at all. */
export function asResource(
  body: unknown,
  expression = 'resource',
): Resource & { resourceType: StoredResourceType } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The body must be a JSON object holding a FHIR resource', expression);
  }
  const type = (body as { resourceType?: unknown }).resourceType;
  if (typeof type !== 'string')
    throw badRequest('The resource has no resourceType', `${expression}.resourceType`);
  if (!isStoredResourceType(type)) {
    throw badRequest(
      `Resource type '${type.slice(0, 64)}' is not supported here`,
      `${expression}.resourceType`,
    );
  }
  if (!isWritableResourceType(type)) throw new PassageError(405, 'not_allowed', `${type} is read-only`);
  const id = (body as { id?: unknown }).id;
  if (id !== undefined && (typeof id !== 'string' || !isFhirId(id))) {
    throw badRequest('id must be 1–64 characters of A–Z, a–z, 0–9, - and .', `${type}.id`);
  }
  return body as Resource & { resourceType: StoredResourceType };
}

/** Validates against FHIR R4; problems become a 422 with one issue per element. */
export function validateFhir(resource: Resource, prefix?: string): void {
  const tokens: Record<string, TypedValueWithPath[]> = {};
  try {
    validateResource(resource, { collect: { tokens } });
  } catch (err) {
    if (err instanceof OperationOutcomeError) {
      const issues: FieldIssue[] = (err.outcome.issue ?? []).map((i) => {
        const expression = i.expression?.[0] ?? i.location?.[0];
        return {
          message: i.details?.text ?? i.diagnostics ?? 'invalid',
          type: i.code === 'structure' || i.code === 'required' ? i.code : 'invalid',
          ...(expression ? { expression: prefix ? `${prefix}.${expression}` : expression } : {}),
        };
      });
      throw unprocessable(
        `${resource.resourceType} is not valid FHIR R4: ${issues.map((i) => i.message).join('; ')}`,
        issues,
      );
    }
    throw err;
  }
  const implausible = plausibilityIssues(resource, latestToday()).map((i) =>
    prefix && i.expression ? { ...i, expression: `${prefix}.${i.expression}` } : i,
  );
  if (implausible.length > 0) {
    throw unprocessable(
      `${resource.resourceType} is not plausible: ${implausible.map((i) => i.message).join('; ')}`,
      implausible,
    );
  }
  const problems = checkRequiredBindings(tokens);
  if (problems.length > 0) {
    const issues: FieldIssue[] = problems.map((p) => ({
      message: p.message,
      type: 'code-invalid',
      expression: prefix ? `${prefix}.${p.path}` : p.path,
    }));
    throw unprocessable(
      `${resource.resourceType} has invalid codes: ${issues.map((i) => i.message).join('; ')}`,
      issues,
    );
  }
}

/**
 * One error language for Passage. Domain code throws `PassageError` with an HTTP status, a stable
 * code and optional per-field issues; the server turns it into a FHIR OperationOutcome on FHIR routes
 * and into `{statusCode, code, error, message}` on /api routes.
 */

export interface FieldIssue {
  /** FHIRPath-style location, e.g. `Patient.birthDate` or `entry[2].resource.status`. */
  readonly expression?: string;
  readonly message: string;
  /** FHIR issue type, e.g. `invalid`, `required`, `value`, `not-found`, `forbidden`. */
  readonly type?: string;
}

export class PassageError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: readonly FieldIssue[];

  constructor(status: number, code: string, message: string, issues: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'PassageError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

export const badRequest = (message: string, expression?: string): PassageError =>
  new PassageError(400, 'bad_request', message, [
    { message, type: 'invalid', ...(expression ? { expression } : {}) },
  ]);
export const unprocessable = (message: string, issues: readonly FieldIssue[]): PassageError =>
  new PassageError(422, 'unprocessable', message, issues);
export const unauthorized = (message = 'Sign in first.'): PassageError =>
  new PassageError(401, 'unauthorized', message, [{ message, type: 'login' }]);
export const forbidden = (message: string): PassageError =>
  new PassageError(403, 'forbidden', message, [{ message, type: 'forbidden' }]);
export const notFound = (message: string): PassageError =>
  new PassageError(404, 'not_found', message, [{ message, type: 'not-found' }]);
export const gone = (message: string): PassageError =>
  new PassageError(410, 'gone', message, [{ message, type: 'deleted' }]);
export const conflict = (code: string, message: string): PassageError =>
  new PassageError(409, code, message, [{ message, type: 'conflict' }]);
export const preconditionFailed = (message: string): PassageError =>
  new PassageError(412, 'precondition_failed', message, [{ message, type: 'conflict' }]);

/** The FHIR OperationOutcome for an error (issue severity `error`). */
export function toOperationOutcome(error: PassageError): {
  resourceType: 'OperationOutcome';
  issue: { severity: 'error'; code: string; diagnostics: string; expression?: string[] }[];
} {
  const issues = error.issues.length > 0 ? error.issues : [{ message: error.message }];
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: 'error',
      code: i.type ?? 'processing',
      diagnostics: i.message,
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}

/** A short, safe description of an untrusted value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.slice(0, 64)}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return `${value}`;
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * The one fetch wrapper. The session lives in an HttpOnly SameSite=Strict cookie set by the server,
 * so requests only need same-origin credentials; the app never sees or stores the token.
 */

/** The server's error body (Fastify style), e.g. { statusCode: 401, code: 'invalid_credentials', … }. */
interface ErrorBody {
  statusCode?: number;
  code?: string;
  error?: string;
  message?: string;
  issues?: FieldIssue[];
}

/** A FHIR OperationOutcome, as /fhir routes answer errors. */
interface OperationOutcomeBody {
  resourceType: 'OperationOutcome';
  issue?: { code?: string; diagnostics?: string; details?: { text?: string }; expression?: string[] }[];
}

/** One problem the server found, with where it is (a FHIRPath expression or a form item's linkId). */
export interface FieldIssue {
  message: string;
  expression?: string;
}

export class ApiError extends Error {
  readonly status: number;
  /** Machine-readable reason (e.g. 'totp_required'); 'http_<status>' when the body had none. */
  readonly code: string;
  /** Every problem found, each with its place, so a form can show a message per field. */
  readonly issues: readonly FieldIssue[];

  constructor(status: number, code: string, message: string, issues: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/** Thrown for network failures, so the UI can say "cannot reach the server" rather than a raw TypeError. */
export const NETWORK_ERROR = 'network_error';

type Query = Record<string, string | number | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

let unauthorizedListener: (() => void) | null = null;

/**
 * Called when a request (other than sign-in and the session probe) gets 401: the session expired
 * or was revoked, and the app should return to the sign-in page.
 */
export function onUnauthorized(listener: (() => void) | null): void {
  unauthorizedListener = listener;
}

const SESSION_PATHS = ['/api/auth/login', '/api/auth/me'];
/** 401s that reject what the user typed (a wrong code, say) rather than the session. */
const CREDENTIAL_CODES = ['invalid_credentials', 'totp_required', 'totp_invalid'];

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    const parsed: unknown = await response.json();
    if (parsed && typeof parsed === 'object') {
      body =
        (parsed as { resourceType?: unknown }).resourceType === 'OperationOutcome'
          ? fromOperationOutcome(parsed as OperationOutcomeBody)
          : (parsed as ErrorBody);
    }
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status.
  }
  const message = body.message ?? body.error ?? response.statusText;
  return new ApiError(
    response.status,
    body.code ?? `http_${response.status}`,
    message,
    body.issues ?? [{ message }],
  );
}

function fromOperationOutcome(outcome: OperationOutcomeBody): ErrorBody {
  const issues = (outcome.issue ?? []).map((issue) => ({
    message: issue.diagnostics ?? issue.details?.text ?? issue.code ?? 'error',
    ...(issue.expression?.[0] ? { expression: issue.expression[0] } : {}),
  }));
  return {
    code: outcome.issue?.[0]?.code,
    message: issues.map((issue) => issue.message).join('; '),
    issues,
  };
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, NETWORK_ERROR, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const error = await readError(response);
    const sessionLost =
      response.status === 401 && !SESSION_PATHS.includes(path) && !CREDENTIAL_CODES.includes(error.code);
    if (sessionLost) unauthorizedListener?.();
    throw error;
  }
  if (response.status === 204 || response.headers.get('Content-Length') === '0') return undefined as T;
  return (await response.json()) as T;
}

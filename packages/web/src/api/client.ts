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
}

export class ApiError extends Error {
  readonly status: number;
  /** Machine-readable reason (e.g. 'totp_required'); 'http_<status>' when the body had none. */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
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
    if (parsed && typeof parsed === 'object') body = parsed as ErrorBody;
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status.
  }
  return new ApiError(
    response.status,
    body.code ?? `http_${response.status}`,
    body.message ?? body.error ?? response.statusText,
  );
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

import type { CustomTypeOptions, TFunction } from 'i18next';
import { ApiError, NETWORK_ERROR } from '../api/client';

/** Any message key of any catalogue (see i18n/i18next.d.ts). */
export type TranslationKey = keyof CustomTypeOptions['resources']['translation'];

/** Server error codes the app explains in the user's language. */
const MESSAGES: Record<string, TranslationKey> = {
  invalid_credentials: 'errorInvalidCredentials',
  totp_required: 'errorTotpRequired',
  totp_invalid: 'errorTotpInvalid',
  account_locked: 'errorAccountLocked',
  rate_limited: 'errorRateLimited',
  totp_setup_required: 'errorTotpSetupRequired',
  weak_password: 'errorWeakPassword',
  username_taken: 'errorUsernameTaken',
  [NETWORK_ERROR]: 'errorNetwork',
};

/** An ISO 8601 instant inside a free-text message, e.g. "Account locked until 2025-01-01T10:00:00Z". */
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/;

export function lockedUntil(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'account_locked') return null;
  return ISO_INSTANT.exec(error.message)?.[0] ?? null;
}

/** A sentence for the user. Unknown codes fall back to the server's message, then to a generic text. */
export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = MESSAGES[error.code];
    if (key) return t(key);
    if (error.status === 403) return t('errorForbidden');
    if (error.status >= 500) return t('errorServer');
    if (error.message) return error.message;
  }
  return t('errorUnexpected');
}

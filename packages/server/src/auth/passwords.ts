/** Password hashing with argon2id (OWASP's first choice) and Passage's password rules. */
import argon2 from 'argon2';
import { PassageError } from '@passage/core';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the time of a real check when the user does not exist, so timing does not reveal usernames. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password-1234');
  await verifyPassword(await dummy, password);
}

export const MIN_PASSWORD_LENGTH = 10;

/** NIST SP 800-63B style: long enough, not trivially guessable; no composition rules. */
export function checkPasswordStrength(password: string, username: string): void {
  const weak = (message: string) =>
    new PassageError(400, 'weak_password', message, [{ message, expression: 'password' }]);
  if (password.length < MIN_PASSWORD_LENGTH)
    throw weak(`The password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 256) throw weak('The password may have at most 256 characters');
  if (new Set(password).size < 4) throw weak('The password repeats too few different characters');
  if (password.toLowerCase().includes(username.toLowerCase()))
    throw weak('The password must not contain the username');
}

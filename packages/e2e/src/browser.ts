/**
 * Headless Chromium for end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core.
 * Never downloads a browser. Without Chromium the tests are skipped, unless PASSAGE_E2E=required
 * (as in CI), where a missing browser is a failure. playwright-core gives every launch a fresh,
 * empty profile.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.PASSAGE_CHROMIUM ?? '/usr/bin/chromium';
export const E2E_REQUIRED = process.env.PASSAGE_E2E === 'required';
export const HAVE_BROWSER = existsSync(CHROMIUM);

if (!HAVE_BROWSER && E2E_REQUIRED) {
  throw new Error(`Browser tests are required but ${CHROMIUM} is missing: apt-get install chromium`);
}

export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function artifact(name: string): string {
  return join(ARTIFACTS, name);
}

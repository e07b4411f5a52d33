import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { currentTotp, DEMO_ADMIN_TOTP_SECRET } from '@passage/server';
import { artifact, HAVE_BROWSER, launchBrowser } from '../src/browser.ts';
import { startDemoServer } from '../src/passage-server.ts';

const WEB_BUILT = existsSync(new URL('../../web/dist/index.html', import.meta.url));

describe.runIf(HAVE_BROWSER)('signing in with a real browser', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;

  beforeAll(async () => {
    if (!WEB_BUILT) throw new Error('The web app is not built: run npm run build first');
    server = await startDemoServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('the demo clinician signs in and sees the role-aware shell', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.getByLabel('Username').fill('clinician');
    await page.getByLabel('Password').fill('passage-demo');
    await page.screenshot({ path: artifact('sign-in.png') });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Eleni');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect.poll(() => nav.textContent()).toContain('People');
    expect(await nav.textContent()).not.toContain('Audit trail');
    expect(await page.evaluate(() => document.cookie)).not.toContain('passage_session');
    await page.screenshot({ path: artifact('clinician-shell.png') });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByLabel('Username').isVisible()).toBe(true);
    await page.close();
  });

  it('a wrong password is refused with a message', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByLabel('Username').fill('nurse');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/username or password/i);
    await page.close();
  });

  it('the admin signs in with a one-time code, sees users and the audit trail, in Arabic right to left', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('passage-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('One-time code').fill(currentTotp(DEMO_ADMIN_TOTP_SECRET));
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect.poll(() => nav.textContent()).toContain('Audit trail');
    await nav.getByText('Users').click();
    await expect.poll(() => page.getByText('clinician', { exact: true }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifact('admin-users.png') });
    await nav.getByText('Audit trail').click();
    await expect.poll(() => page.locator('table tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifact('admin-audit.png') });
    await page.getByLabel('Language').selectOption('ar');
    await expect
      .poll(() =>
        page.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join(' ')),
      )
      .toBe('ar rtl');
    await page.screenshot({ path: artifact('admin-audit-ar.png') });
    await page.close();
  });
});

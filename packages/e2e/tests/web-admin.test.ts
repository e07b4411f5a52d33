import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { currentTotp, DEMO_ADMIN_TOTP_SECRET, DEMO_ORGS } from '@passage/server';
import { artifact, HAVE_BROWSER, launchBrowser } from '../src/browser.ts';
import { startDemoServer } from '../src/passage-server.ts';

const WEB_BUILT = existsSync(new URL('../../web/dist/index.html', import.meta.url));

const NURSE = 'nurse-e2e';
const ADMIN = 'sysadmin-e2e';

/** Signs in on the sign-in page; totp is asked for only when given. */
async function signIn(page: Page, username: string, password: string, totp?: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (totp !== undefined) {
    await page.getByLabel('One-time code').fill(totp);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByTestId('current-user').waitFor();
}

/** Status messages (shown above the users list after an action) that contain this text. */
const notices = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The navbar, the page content inside <main>, and the AppShell transitions running. With a language,
 * chooses it in the switcher and measures in the first frame after <html dir> changes, before any
 * transition could have finished.
 */
function shellGeometry(page: Page, switchTo?: string) {
  return page.evaluate(async (language) => {
    const box = (element: Element | null): Box | null => {
      if (!element) return null;
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    };
    const measure = () => {
      const nav = document.getElementById('passage-navbar');
      const main = document.getElementById('main');
      const sliding = document
        .getAnimations()
        .filter((a) => a instanceof CSSTransition)
        .filter((a) => {
          const target = (a.effect as KeyframeEffect | null)?.target;
          return target === nav || target === main;
        })
        .map((a) => (a as CSSTransition).transitionProperty);
      return {
        dir: document.documentElement.dir,
        viewport: window.innerWidth,
        nav: box(nav),
        // <main> spans the window under the navbar (its padding makes room); its first child is the page.
        content: box(main?.firstElementChild ?? null),
        sliding,
      };
    };
    if (!language) return measure();
    return new Promise<ReturnType<typeof measure>>((resolve) => {
      new MutationObserver((_, observer) => {
        observer.disconnect();
        requestAnimationFrame(() => resolve(measure()));
      }).observe(document.documentElement, { attributeFilter: ['dir'] });
      const select = document.querySelector<HTMLSelectElement>('select[aria-label="Language"]');
      if (!select) throw new Error('No language switcher');
      select.value = language;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }, switchTo);
}

/** The navbar is on the right half and the page content ends before it starts. */
function expectMirrored(geometry: Awaited<ReturnType<typeof shellGeometry>>): void {
  const { nav, content, viewport } = geometry;
  expect(nav).not.toBeNull();
  expect(content).not.toBeNull();
  if (!nav || !content) return;
  expect(nav.x).toBeGreaterThanOrEqual(viewport / 2);
  expect(Math.round(nav.x + nav.width)).toBe(viewport);
  expect(content.x).toBeGreaterThanOrEqual(0);
  expect(content.x + content.width).toBeLessThanOrEqual(nav.x);
}

describe.runIf(HAVE_BROWSER)('administration in a real browser', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  /** Signed in once as the demo admin: each TOTP code is accepted only once. */
  let admin: BrowserContext;

  beforeAll(async () => {
    if (!WEB_BUILT) throw new Error('The web app is not built: run npm run build first');
    server = await startDemoServer();
    browser = await launchBrowser();
    admin = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await admin.newPage();
    await page.goto(server.url);
    await signIn(page, 'admin', 'passage-demo', currentTotp(DEMO_ADMIN_TOTP_SECRET));
    await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('creates a nurse at a site, resets her password, and finds the creation in the audit trail', async () => {
    const page = await admin.newPage();
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('button', { name: 'New user' }).click();
    const form = page.getByRole('dialog', { name: 'New user' });
    await form.getByLabel('Username').fill(NURSE);
    await form.getByLabel('Display name').fill('Amira Haddad');
    await form.getByLabel('Initial password').fill('olive harbour lantern 42');
    await form.getByLabel('Role', { exact: true }).selectOption('nurse');
    await form.getByLabel('Organisation').selectOption(DEMO_ORGS.siteB);
    await page.screenshot({ path: artifact('web-admin-new-user.png') });
    await form.getByRole('button', { name: 'Create user' }).click();

    await expect.poll(() => notices(page, `User ${NURSE} created.`).count()).toBe(1);
    // A nurse needs no second factor, so no key is shown.
    expect(await page.getByRole('dialog').count()).toBe(0);
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: NURSE, exact: true }) });
    await expect.poll(() => row.textContent()).toContain('Nurse · Athens transit site');
    expect(await row.textContent()).toContain('Amira Haddad');
    await page.screenshot({ path: artifact('web-admin-users.png') });

    await page.getByRole('button', { name: `Actions for ${NURSE}` }).click();
    await page.getByRole('menuitem', { name: 'Reset password' }).click();
    const reset = page.getByRole('dialog', { name: `Reset the password of ${NURSE}` });
    await reset.getByLabel('Temporary password').fill('copper meadow signal 7');
    await page.screenshot({ path: artifact('web-admin-reset-password.png') });
    await reset.getByRole('button', { name: 'Reset password' }).click();
    await expect.poll(() => notices(page, `The password of ${NURSE} has been reset.`).count()).toBe(1);

    // The audit trail names who acted: filtering by the admin's username shows the creation.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByText('Audit trail').click();
    const filters = page.getByRole('form', { name: 'Audit trail filters' });
    await filters.getByLabel('Username').fill('admin');
    await filters.getByRole('button', { name: 'Search' }).click();
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.filter({ hasText: 'user-create' }).count()).toBeGreaterThan(0);
    const usernames = await rows.locator('td:nth-child(2)').allTextContents();
    expect(new Set(usernames)).toEqual(new Set(['admin']));
    expect(await rows.filter({ hasText: 'password-reset' }).count()).toBe(1);
    await page.screenshot({ path: artifact('web-admin-audit-filtered.png') });

    await rows.filter({ hasText: 'user-create' }).first().getByRole('button').click();
    const drawer = page.getByRole('dialog', { name: 'Audit event' });
    await expect.poll(() => drawer.textContent()).toContain(`${NURSE}: nurse@${DEMO_ORGS.siteB}`);
    // Wait for the drawer to finish sliding in before the screenshot.
    await expect
      .poll(async () => {
        const box = await drawer.boundingBox();
        return box ? Math.round(box.x + box.width) : null;
      })
      .toBe(1280);
    await page.screenshot({ path: artifact('web-admin-audit-detail.png') });
    await page.close();

    // The temporary password works, and must be changed first.
    const nurse = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await nurse.goto(server.url);
    await signIn(nurse, NURSE, 'copper meadow signal 7');
    await expect.poll(() => nurse.getByRole('alert').first().textContent()).toContain('Change your password');
    await nurse.close();
  });

  it('shows a new administrator’s second-factor key once, and the key works', async () => {
    const page = await admin.newPage();
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('button', { name: 'New user' }).click();
    const form = page.getByRole('dialog', { name: 'New user' });
    await form.getByLabel('Username').fill(ADMIN);
    await form.getByLabel('Display name').fill('Second Administrator');
    await form.getByLabel('Initial password').fill('granite willow compass 9');
    await form.getByLabel('Role', { exact: true }).selectOption('admin');
    await form.getByLabel('Organisation').selectOption(DEMO_ORGS.country);
    await form.getByRole('button', { name: 'Create user' }).click();

    const keyDialog = page.getByRole('dialog', { name: `Second-factor key for ${ADMIN}` });
    await keyDialog.waitFor();
    expect(await keyDialog.textContent()).toContain('it will not be shown again');
    const shown = (await keyDialog.getByTestId('issued-totp-secret').textContent()) ?? '';
    expect(shown).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    const secret = shown.replace(/\s/g, '');
    expect(await keyDialog.textContent()).toContain(`otpauth://totp/`);
    expect(await keyDialog.textContent()).toContain(`secret=${secret}`);
    await page.screenshot({ path: artifact('web-admin-second-factor-key.png') });
    await keyDialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // Resetting the second factor issues a different key, shown the same way.
    await page.getByRole('button', { name: `Actions for ${ADMIN}` }).click();
    await page.getByRole('menuitem', { name: 'Reset second factor' }).click();
    await page
      .getByRole('dialog', { name: `Reset the second factor of ${ADMIN}?` })
      .getByRole('button', { name: 'Reset second factor' })
      .click();
    await keyDialog.waitFor();
    const reissued = ((await keyDialog.getByTestId('issued-totp-secret').textContent()) ?? '').replace(
      /\s/g,
      '',
    );
    expect(reissued).not.toBe(secret);
    await keyDialog.getByRole('button', { name: 'Done' }).click();
    await page.close();

    // The new administrator signs in with a code from the reissued key.
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await other.goto(server.url);
    await signIn(other, ADMIN, 'granite willow compass 9', currentTotp(reissued));
    await expect.poll(() => other.getByTestId('current-user').textContent()).toBe('Second Administrator');
    await other.close();
  });

  it('mirrors the shell in Arabic, at once and at desktop, tablet and phone widths', async () => {
    const page = await admin.newPage();
    await page.goto(`${server.url}/admin/audit`);
    await page.locator('table tbody tr').first().waitFor();
    // At once: in the first frame in Arabic, nothing is sliding across the page.
    const flipped = await shellGeometry(page, 'ar');
    expect(flipped.dir).toBe('rtl');
    expect(flipped.sliding).toEqual([]);
    expectMirrored(flipped);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await page.screenshot({ path: artifact('web-admin-audit-ar.png') });

    await page.getByRole('navigation').getByRole('link', { name: 'المستخدمون' }).click();
    await page.locator('table tbody tr').first().waitFor();
    expectMirrored(await shellGeometry(page));
    await page.screenshot({ path: artifact('web-admin-users-ar.png') });

    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${server.url}/admin/audit`);
    await page.locator('table tbody tr').first().waitFor();
    expectMirrored(await shellGeometry(page));
    await page.screenshot({ path: artifact('web-admin-audit-ar-tablet.png') });

    // On a phone the navbar is a menu, hidden off the right-hand edge until the burger opens it.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/admin/users`);
    await page.locator('table tbody tr').first().waitFor();
    const phone = await shellGeometry(page);
    expect(phone.nav?.x).toBeGreaterThanOrEqual(390);
    expect(phone.content?.x).toBeGreaterThanOrEqual(0);
    expect((phone.content?.x ?? 0) + (phone.content?.width ?? 0)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifact('web-admin-users-ar-phone.png') });
    await page.getByRole('button', { name: 'فتح القائمة' }).click();
    await expect.poll(async () => (await shellGeometry(page)).nav?.x).toBe(0);
    await page.screenshot({ path: artifact('web-admin-menu-ar-phone.png') });
    await page.close();
  });
});

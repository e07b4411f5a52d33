/**
 * Identity across borders, as a clinician meets it: registering a near-duplicate (another spelling,
 * a 1 January placeholder for a known year) shows the "Is this the same person?" warning; saving
 * anyway, the pair is found by a scan and reviewed side by side; a merge shows on both records, and
 * undoing it restores both records exactly (checked through the API).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '@medplum/fhirtypes';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { loadConfig } from '@passage/server';
import { artifact, HAVE_BROWSER, launchBrowser } from '../src/browser.ts';
import { startDemoServer } from '../src/passage-server.ts';

const WEB_BUILT = existsSync(new URL('../../web/dist/index.html', import.meta.url));
const DEMO_PASSWORD = loadConfig({ PASSAGE_DEMO_PASSWORD: process.env.PASSAGE_DEMO_PASSWORD }).demoPassword;
const PASSAGE_ID_SYSTEM = 'https://passage.example.org/fhir/sid/passage-id';
/** Patience for what the server does (first page loads, a scan of the demo register). */
const SLOW = { timeout: 30_000 };

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill('clinician');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor(SLOW);
}

/** A screenshot once fonts are in and nothing is moving. */
async function snap(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: artifact(name), fullPage, animations: 'disabled' });
}

async function choose(page: Page, field: Locator, typed: string, option: string): Promise<void> {
  await field.click();
  await field.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape');
}

/** A Patient as the API returns it, without meta (version and time change with every write). */
async function readPatient(context: BrowserContext, url: string, id: string): Promise<Patient> {
  const response = await context.request.get(`${url}/fhir/Patient/${id}`);
  expect(response.status()).toBe(200);
  const { meta: _meta, ...content } = (await response.json()) as Patient;
  return content as Patient;
}

const passageIdOf = (patient: Patient) =>
  patient.identifier?.find((i) => i.system === PASSAGE_ID_SYSTEM)?.value ?? '';

describe.runIf(HAVE_BROWSER)('duplicate records in a real browser', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (!WEB_BUILT) throw new Error('The web app is not built: run npm run build first');
    server = await startDemoServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    await signIn(page, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  /** Registers through the form; returns the new record's id once its card is shown. */
  async function register(
    fill: (form: Locator) => Promise<void>,
    before?: () => Promise<void>,
  ): Promise<string> {
    await page.goto(`${server.url}/people/new`);
    const form = page.getByRole('form', { name: 'Register a person' });
    await form.waitFor(SLOW);
    await fill(form);
    await before?.();
    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await page.waitForURL(/\/people\/[^/]+\/card\?new=1$/, SLOW);
    return new URL(page.url()).pathname.split('/')[2] as string;
  }

  async function sexAndOrigin(form: Locator): Promise<void> {
    const birth = form.getByRole('group', { name: 'Sex and date of birth' });
    await birth
      .getByRole('radiogroup', { name: 'Sex' })
      .getByRole('radio', { name: 'Male', exact: true })
      .check();
    const origin = form.getByRole('group', { name: 'Origin and languages' });
    await choose(page, origin.getByRole('combobox', { name: 'Nationalities' }), 'Syr', 'Syria');
  }

  it('registering a near-duplicate shows the warning; a merge then an unmerge restores both records exactly', async () => {
    // 1. Mohammed Haddad, written in Arabic with its Latin spelling, born in 1979 (the year only).
    const first = await register(async (form) => {
      const names = form.getByRole('group', { name: 'Name', exact: true });
      await names.getByRole('textbox', { name: 'Given names', exact: true }).fill('محمد');
      await names.getByRole('textbox', { name: 'Family name', exact: true }).fill('حداد');
      await names
        .getByRole('group', { name: /given names/ })
        .getByText('Mohammed', { exact: true })
        .click();
      await names
        .getByRole('group', { name: /family name/ })
        .getByText('Haddad', { exact: true })
        .click();
      await sexAndOrigin(form);
      const birth = form.getByRole('group', { name: 'Sex and date of birth' });
      await birth.getByRole('radio', { name: 'Year only' }).check();
      await birth.getByRole('textbox', { name: 'Year of birth' }).fill('1979');
    });
    const firstPassageId = passageIdOf(await readPatient(context, server.url, first));

    // 2. The same man at another border: Muhammad Haddad, born "1 January 1979". The form warns.
    const second = await register(
      async (form) => {
        const names = form.getByRole('group', { name: 'Name', exact: true });
        await names.getByRole('textbox', { name: 'Given names', exact: true }).fill('Muhammad');
        await names.getByRole('textbox', { name: 'Family name', exact: true }).fill('Haddad');
        await sexAndOrigin(form);
        const birth = form.getByRole('group', { name: 'Sex and date of birth' });
        await birth.getByRole('textbox', { name: 'Date of birth', exact: true }).fill('1979-01-01');
      },
      async () => {
        const warning = page.getByRole('complementary', { name: 'Is this the same person?' });
        await warning.waitFor(SLOW);
        await expect.poll(() => warning.textContent(), SLOW).toContain(firstPassageId);
        expect(await warning.textContent()).toContain('Mohammed Haddad');
        await snap(page, 'identity-register-warning.png');
      },
    );
    const before = {
      first: await readPatient(context, server.url, first),
      second: await readPatient(context, server.url, second),
    };
    const secondPassageId = passageIdOf(before.second);

    // 3. The review queue: a scan finds the pair, which opens side by side.
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Possible duplicates' }).click();
    await page.getByRole('heading', { name: 'Possible duplicates', level: 1 }).waitFor(SLOW);
    const pair = page
      .getByTestId('identity-candidate')
      .filter({ hasText: firstPassageId })
      .filter({ hasText: secondPassageId });
    await page
      .getByText(/pairs? to review|Nothing to review/)
      .first()
      .waitFor(SLOW);
    if ((await pair.count()) === 0) {
      await page.getByRole('button', { name: 'Scan for duplicates' }).click();
      await page.getByText('Scan finished').waitFor(SLOW);
      await snap(page, 'identity-queue.png', true);
    }
    await pair.getByRole('link', { name: /^Compare/ }).click();
    const review = page.getByRole('region', { name: 'Are these the same person?' });
    await review.waitFor(SLOW);
    const comparison = review.getByRole('table', { name: /^The two records side by side/ });
    const row = (name: string) =>
      comparison.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    expect(await row('Latin spellings').textContent()).toMatch(
      /Mohammed Haddad.*Muhammad Haddad|Muhammad Haddad.*Mohammed Haddad/,
    );
    expect(await row('Latin spellings').textContent()).toContain('Partly the same');
    expect(await row('Date of birth').textContent()).toContain('Partly the same');
    expect(await row('Sex').textContent()).toContain('Same');
    const reasons = review.getByRole('region', { name: 'Why these records were matched' });
    expect(await reasons.getByRole('rowheader', { name: 'Name' }).count()).toBe(1);
    await snap(page, 'identity-review.png', true);
    // The same review right to left, in Arabic.
    const language = page.getByLabel(/^(Language|اللغة)$/);
    await language.selectOption('ar');
    await page.getByRole('heading', { name: 'هل هذا هو الشخص نفسه؟' }).waitFor(SLOW);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await snap(page, 'identity-review-ar.png', true);
    await language.selectOption('en');
    await review.waitFor(SLOW);

    // 4. Merge, keeping the first record.
    await review.getByRole('button', { name: 'Same person — merge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge these records' });
    await dialog.getByRole('radio').filter({ hasText: firstPassageId }).click();
    expect(await dialog.getByRole('radio', { checked: true }).textContent()).toContain(firstPassageId);
    await snap(page, 'identity-merge-dialog.png');
    await dialog.getByRole('button', { name: 'Merge the records' }).click();
    const merged = page.getByRole('status').filter({ hasText: 'Records merged' });
    await merged.waitFor(SLOW);
    expect(await merged.getByRole('button', { name: 'Undo merge' }).isVisible()).toBe(true);
    await snap(page, 'identity-merged.png');

    const survivor = await readPatient(context, server.url, first);
    const duplicate = await readPatient(context, server.url, second);
    expect(duplicate.active).toBe(false);
    expect(duplicate.link).toEqual([{ other: { reference: `Patient/${first}` }, type: 'replaced-by' }]);
    expect(survivor.link).toEqual([{ other: { reference: `Patient/${second}` }, type: 'replaces' }]);

    // 5. Both records say so: the duplicate points to the one kept, which lists what it replaced.
    await merged.getByRole('link', { name: 'Mohammed Haddad' }).click();
    const from = page.getByTestId('merged-from');
    await from.waitFor(SLOW);
    await from.getByRole('link', { name: 'Muhammad Haddad' }).waitFor(SLOW);
    await snap(page, 'identity-record-survivor.png');
    await from.getByRole('link', { name: 'Muhammad Haddad' }).click();
    const into = page.getByTestId('merged-into');
    await into.waitFor(SLOW);
    expect(await into.textContent()).toContain('This record was merged');
    await snap(page, 'identity-record-duplicate.png');

    // 6. Undo from the record kept: both records are exactly as they were.
    await into.getByRole('link', { name: 'Mohammed Haddad' }).click();
    await page.getByTestId('merged-from').getByRole('button', { name: 'Undo merge' }).click();
    await page.getByRole('status').filter({ hasText: 'The merge was undone' }).waitFor(SLOW);
    await expect.poll(() => page.getByTestId('merged-from').count()).toBe(0);
    await snap(page, 'identity-undone.png');
    expect(await readPatient(context, server.url, first)).toEqual(before.first);
    expect(await readPatient(context, server.url, second)).toEqual(before.second);
  });
});

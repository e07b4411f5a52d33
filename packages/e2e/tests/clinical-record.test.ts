/**
 * The clinical record end to end, as a clinician uses it: register a person with an Arabic-script name,
 * complete a health assessment (visit, TB symptom screen, vital signs, a vaccine, an ICD-10 diagnosis),
 * find each extracted item on the record, and print the report and the person-held summary on A4.
 * Bad input is refused with a message at its field: a birth date in the future, a weight of 0, a
 * missing required answer, and a date the server refuses although the browser let it through.
 */
import { existsSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { loadConfig } from '@passage/server';
import { artifact, HAVE_BROWSER, launchBrowser } from '../src/browser.ts';
import { startDemoServer } from '../src/passage-server.ts';

const WEB_BUILT = existsSync(new URL('../../web/dist/index.html', import.meta.url));

/** The demo accounts' password, as the server started by startDemoServer reads it. */
const DEMO_PASSWORD = loadConfig({ PASSAGE_DEMO_PASSWORD: process.env.PASSAGE_DEMO_PASSWORD }).demoPassword;

/** A Passage identifier: eight symbols and a check symbol, 4-4-1, from the unambiguous alphabet. */
const PASSAGE_ID = /^[0-9A-HJKMNP-TV-Y]{4}-[0-9A-HJKMNP-TV-Y]{4}-[0-9A-HJKMNP-TV-Y]$/;

/** Patience for things the server does (the first page loads, completing an assessment). */
const SLOW = { timeout: 20_000 };

/** Today in the browser's time zone, as the forms compute it (YYYY-MM-DD). */
const localDate = (date: Date) =>
  [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((n) => String(n).padStart(2, '0')).join('-');

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill('clinician');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor(SLOW);
}

/** The messages a field is described by (aria-describedby): its hint and, when invalid, its error. */
function describedBy(field: Locator): Promise<string> {
  return field.evaluate((element) => {
    const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  });
}

/** Types into a searchable list and picks the option whose name matches. */
async function choose(page: Page, field: Locator, typed: string, option: string | RegExp): Promise<void> {
  await field.click();
  await field.fill(typed);
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

/** A screenshot once fonts are in and nothing is moving. */
async function snap(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: artifact(name), fullPage, animations: 'disabled' });
}

/**
 * The pages of a PDF Chromium wrote: their size in points, and whether anything is written on them.
 * Chromium (Skia) writes each page as a plain object whose content is one deflated stream.
 */
function pdfPages(pdf: Buffer): { width: number; height: number; written: boolean }[] {
  const text = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(m[1] ?? '', m[2] ?? '');
  const content = (ref: string) => {
    const body = objects.get(ref) ?? '';
    const stream = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body)?.[1] ?? '';
    const raw = Buffer.from(stream, 'latin1');
    return (/\/FlateDecode/.test(body) ? inflateSync(raw) : raw).toString('latin1');
  };
  return [...objects.values()]
    .filter((object) => /\/Type\s*\/Page\b/.test(object))
    .map((page) => {
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(page);
      const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '';
      const refs = [...contents.matchAll(/(\d+) 0 R/g)].map((m) => m[1] ?? '');
      return {
        width: Number(box?.[1]),
        height: Number(box?.[2]),
        // Text-showing operators: a page without any is blank.
        written: refs.some((ref) => /\bT[jJ]\b/.test(content(ref))),
      };
    });
}

/** A4 (210 × 297 mm: 595.3 × 841.9 pt) pages, none of them blank. */
function expectA4(pages: { width: number; height: number; written: boolean }[]): void {
  expect(pages.length).toBeGreaterThan(0);
  for (const [i, { width, height, written }] of pages.entries()) {
    expect(Math.abs(width - 595.3), `page ${i + 1} width`).toBeLessThan(2);
    expect(Math.abs(height - 841.9), `page ${i + 1} height`).toBeLessThan(2);
    expect(written, `page ${i + 1} of ${pages.length} is blank`).toBe(true);
  }
}

/**
 * The page on paper: the app's header, menu and buttons gone, the title kept, and a PDF of A4 pages
 * (kept with the screenshot as `name`.png and `name`.pdf). Leaves the page showing as on screen again.
 */
async function expectPrintable(page: Page, title: string, name: string): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  try {
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: title, level: 1 }).isVisible()).toBe(true);
    await snap(page, `${name}.png`, true);
    const pdf = await page.pdf({
      path: artifact(`${name}.pdf`),
      preferCSSPageSize: true,
      printBackground: true,
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expectA4(pdfPages(pdf));
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

describe.runIf(HAVE_BROWSER)('a clinical record in a real browser', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let context: BrowserContext;
  /** One tab through the whole visit, as the clinician keeps it: each step continues the last. */
  let page: Page;
  /** The person registered in the first step, and their assessment. */
  const person = { record: '', passageId: '', report: '' };
  const today = localDate(new Date());

  beforeAll(async () => {
    if (!WEB_BUILT) throw new Error('The web app is not built: run npm run build first');
    server = await startDemoServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    page = await context.newPage();
    await signIn(page, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('registers a person with an Arabic-script name, refusing a birth date in the future', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'People' })
      .click();
    await page.getByRole('link', { name: 'Register a person' }).click();
    const form = page.getByRole('form', { name: 'Register a person' });

    const names = form.getByRole('group', { name: 'Name', exact: true });
    await names.getByRole('textbox', { name: 'Given names', exact: true }).fill('محمد');
    await names.getByRole('textbox', { name: 'Family name', exact: true }).fill('حداد');
    // Latin spellings are suggested for the Arabic script; choosing one fills the first spelling.
    await names
      .getByRole('group', { name: /given names/ })
      .getByText('Mohammed', { exact: true })
      .click();
    await names
      .getByRole('group', { name: /family name/ })
      .getByText('Haddad', { exact: true })
      .click();
    expect(await names.getByRole('textbox', { name: 'Given names in Latin letters (1)' }).inputValue()).toBe(
      'Mohammed',
    );
    expect(await names.getByRole('textbox', { name: 'Family name in Latin letters (1)' }).inputValue()).toBe(
      'Haddad',
    );

    const birth = form.getByRole('group', { name: 'Sex and date of birth' });
    await birth
      .getByRole('radiogroup', { name: 'Sex' })
      .getByRole('radio', { name: 'Male', exact: true })
      .check();
    // First a birth date in the future: refused at the field and in the list above the button.
    const nextYear = `${Number(today.slice(0, 4)) + 1}-03-14`;
    const birthDate = birth.getByRole('textbox', { name: 'Date of birth', exact: true });
    await birthDate.fill(nextYear);

    const origin = form.getByRole('group', { name: 'Origin and languages' });
    await choose(page, origin.getByRole('combobox', { name: 'Nationalities' }), 'Syr', 'Syria');
    await page.keyboard.press('Escape');
    await origin.getByRole('button', { name: 'Add a language' }).click();
    await choose(page, origin.getByRole('combobox', { name: 'Language 1' }), 'Arabic', /^Arabic/);
    expect(await origin.getByRole('radio', { name: 'Preferred language' }).isChecked()).toBe(true);

    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await expect.poll(() => birthDate.getAttribute('aria-invalid'), SLOW).toBe('true');
    expect(await describedBy(birthDate)).toContain('This date is in the future.');
    const problems = page.getByRole('alert').filter({ hasText: 'problem to fix before registering' });
    expect(await problems.textContent()).toContain('This date is in the future.');
    await birthDate.scrollIntoViewIfNeeded();
    await snap(page, 'clinical-register-future-birth-date.png');

    // Then the age the person gives: the birth year is estimated from it.
    await birth.getByRole('radio', { name: 'Estimated from age' }).check();
    await birth.getByRole('textbox', { name: 'Age the person gave' }).fill('34');
    expect(await birth.getByRole('status').textContent()).toMatch(/born about \d{4}/);
    await expect.poll(() => problems.count(), SLOW).toBe(0);
    await snap(page, 'clinical-register.png');

    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await page.waitForURL(/\/people\/[^/]+\/card\?new=1$/, SLOW);
    person.record = new URL(page.url()).pathname.replace(/\/card$/, '');
    const registered = page.getByRole('status').filter({ hasText: 'Registered' });
    expect(await registered.textContent()).toContain('Mohammed Haddad is registered');

    // The card: the name in both scripts, the identifier to read aloud and its QR code.
    const card = page.getByTestId('passage-card').first();
    expect(await card.textContent()).toContain('محمد حداد');
    const qr = card.getByRole('img', { name: /^QR code of the Passage identifier / });
    const qrName = (await qr.getAttribute('aria-label')) ?? '';
    person.passageId = qrName.replace('QR code of the Passage identifier ', '');
    expect(person.passageId).toMatch(PASSAGE_ID);
    expect(await card.textContent()).toContain(person.passageId.replace(/-/g, ' – '));
    const qrBox = await qr.boundingBox();
    expect(qrBox?.width).toBeGreaterThan(60);
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    await snap(page, 'clinical-card.png');

    // On paper: the card twice, to cut out, and nothing of the app around it.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Passage card', level: 1 }).isVisible()).toBe(false);
    const printed = page.getByTestId('passage-card');
    expect(await printed.count()).toBe(3);
    expect(await printed.nth(0).isVisible()).toBe(false);
    expect(await printed.nth(1).isVisible()).toBe(true);
    expect(await printed.nth(2).isVisible()).toBe(true);
    await snap(page, 'clinical-card-print.png', true);
    expectA4(
      pdfPages(await page.pdf({ path: artifact('clinical-card-print.pdf'), preferCSSPageSize: true })),
    );
    await page.emulateMedia({ media: 'screen' });
  });

  it('completes an assessment, refusing a weight of 0 and a missing required answer', async () => {
    expect(person.record, 'the registration step must pass first').not.toBe('');
    await page.getByRole('link', { name: 'Open the record' }).click();
    await page.getByRole('heading', { name: 'Mohammed Haddad', level: 2 }).waitFor(SLOW);
    await page.getByRole('link', { name: 'New assessment' }).click();

    const sections = page.getByRole('navigation', { name: 'Sections of the assessment' });
    await sections.waitFor(SLOW);
    const section = (name: string) => page.getByRole('region', { name, exact: true });
    const open = async (name: string) => {
      await sections.getByRole('button', { name }).click();
      await section(name).getByRole('heading', { name, level: 2 }).waitFor();
    };
    const yesNo = (where: Locator, question: string, answer: 'Yes' | 'No') =>
      where
        .getByRole('radiogroup', { name: question })
        .getByRole('radio', { name: answer, exact: true })
        .check();

    await open('Visit');
    await section('Visit').getByRole('radio', { name: 'Arrival health assessment' }).check();
    await yesNo(section('Visit'), 'The person agreed to this assessment', 'Yes');

    await open('Vaccination history');
    const vaccines = section('Vaccination history');
    await vaccines.getByRole('button', { name: 'Add: Vaccine' }).click();
    const vaccine = vaccines.getByRole('region', { name: 'Vaccine 1' });
    await choose(page, vaccine.getByRole('combobox', { name: /^Vaccine/ }), 'MMR', /\b03\b.*— MMR$/);
    await vaccine.getByRole('textbox', { name: 'Date given' }).fill(today);
    await vaccine.getByRole('radio', { name: 'Given today' }).check();

    await open('Symptoms');
    const tb = section('Symptoms').getByRole('group', { name: 'TB symptom screen' });
    await yesNo(tb, 'Persistent cough (over two weeks)', 'Yes');
    for (const symptom of ['Blood in sputum', 'Fever', 'Night sweats', 'Weight loss'])
      await yesNo(tb, symptom, 'No');

    await open('Examination');
    const exam = section('Examination');
    await exam.getByRole('textbox', { name: 'Temperature' }).fill('37.8');
    await exam.getByRole('textbox', { name: 'Heart rate' }).fill('92');
    await exam.getByRole('textbox', { name: 'Blood pressure, systolic' }).fill('128');
    await exam.getByRole('textbox', { name: 'Blood pressure, diastolic' }).fill('82');
    // A weight of 0 is refused at the field as soon as the field is left.
    const weight = exam.getByRole('textbox', { name: 'Weight' });
    await weight.fill('0');
    await exam.getByRole('textbox', { name: 'Height or length' }).fill('176');
    await expect.poll(() => weight.getAttribute('aria-invalid'), SLOW).toBe('true');
    expect(await describedBy(weight)).toContain('Outside the plausible range, 0.5 to 300. Check the value.');
    await weight.scrollIntoViewIfNeeded();
    await snap(page, 'clinical-assessment-weight-0.png');
    await weight.fill('72.5');
    await expect.poll(() => weight.getAttribute('aria-invalid'), SLOW).not.toBe('true');

    // At tablet width the form narrows to one column and decision support moves into a drawer.
    await page.setViewportSize({ width: 800, height: 1100 });
    await page.getByRole('button', { name: 'Decision support' }).waitFor();
    await exam.getByRole('heading', { name: 'Examination' }).scrollIntoViewIfNeeded();
    await snap(page, 'clinical-assessment-tablet.png');
    await page.setViewportSize({ width: 1280, height: 800 });

    await open('Conclusion');
    const conclusion = section('Conclusion');
    await conclusion.getByRole('button', { name: 'Add: Diagnosis' }).click();
    const diagnosis = conclusion.getByRole('region', { name: 'Diagnosis 1' });
    const icd10 = diagnosis.getByRole('combobox', { name: /^Diagnosis \(ICD-10\)/ });
    // A code outside ICD-10 cannot be chosen: the list offers nothing.
    await icd10.fill('X99.99');
    const offered = page.getByRole('listbox', { name: /^Diagnosis \(ICD-10\)/ });
    await offered.getByText('No match', { exact: true }).waitFor();
    expect(await offered.getByRole('option').count()).toBe(0);
    await choose(page, icd10, 'J02.9', /pharyngitis/);
    await diagnosis.getByRole('radio', { name: 'Confirmed' }).check();
    expect(await icd10.inputValue()).toContain('J02.9');

    // In Arabic the form reads right to left, questions and answers translated.
    const language = page.getByRole('banner').getByRole('combobox');
    await language.selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir), SLOW).toBe('rtl');
    await page.getByRole('navigation', { name: 'أقسام التقييم' }).waitFor();
    await snap(page, 'clinical-assessment-ar.png');
    await language.selectOption('en');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir), SLOW).toBe('ltr');

    // Without consent the assessment cannot be completed: said at the field and in the summary.
    await open('Visit');
    await section('Visit')
      .getByRole('button', { name: 'Clear the answer to: The person agreed to this assessment' })
      .click();
    await page.getByRole('button', { name: 'Complete assessment' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'before the assessment can be completed' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Visit › The person agreed to this assessment');
    expect(await summary.textContent()).toContain('An answer is required.');
    const consent = section('Visit').getByRole('radiogroup', {
      name: /The person agreed to this assessment/,
    });
    expect(await describedBy(consent)).toContain('An answer is required.');
    expect(await sections.getByRole('button', { name: /^2\. Visit/ }).textContent()).toContain('1 problem');
    await page.getByRole('heading', { name: 'Health assessment', level: 1 }).scrollIntoViewIfNeeded();
    await snap(page, 'clinical-assessment-missing-answer.png');

    await yesNo(section('Visit'), 'The person agreed to this assessment', 'Yes');
    await expect.poll(() => summary.count(), SLOW).toBe(0);
    await page.getByRole('heading', { name: 'Health assessment', level: 1 }).scrollIntoViewIfNeeded();
    await snap(page, 'clinical-assessment.png');
    await page.getByRole('button', { name: 'Complete assessment' }).click();
    const completed = page.getByRole('status').filter({ hasText: 'Assessment completed' });
    await completed.waitFor(SLOW);
    expect(await completed.textContent()).toMatch(/Recorded, with \d+ entries in the health record/);
    person.report = (await completed.getByRole('link', { name: 'Print report' }).getAttribute('href')) ?? '';
    expect(person.report).toMatch(/\/assessments\/[^/]+\/print$/);
  });

  it('shows each extracted item on the record: visit, vital signs, TB screen, diagnosis, vaccine', async () => {
    expect(person.report, 'the assessment step must pass first').not.toBe('');
    await page.getByRole('link', { name: 'Back to the person’s record' }).click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.waitFor(SLOW);
    const entry = (name: RegExp) => timeline.getByRole('button', { name });
    for (const name of [
      /Visit Arrival health assessment/,
      /Assessment Health assessment/,
      /Vital signs and measurements 37\.8 °C · 128\/82 mmHg/,
      /TB symptom screen Positive/,
      /Symptom review Persistent cough \(over two weeks\)/,
      /Diagnosis Acute pharyngitis, unspecified/,
      /Vaccination MMR/,
    ]) {
      await entry(name).waitFor();
      expect(await entry(name).isVisible(), String(name)).toBe(true);
    }
    // An entry opens to its values: the height is there too.
    await entry(/Vital signs and measurements/).click();
    await timeline.getByText('176 cm').waitFor();

    const problems = page.getByRole('region', { name: 'Problems' });
    expect(await problems.getByRole('list', { name: 'Active problems' }).textContent()).toMatch(
      /Acute pharyngitis, unspecified.*J02\.9/,
    );
    const vaccinations = page.getByRole('region', { name: 'Vaccinations' });
    expect(await vaccinations.getByRole('rowheader', { name: 'MMR' }).isVisible()).toBe(true);
    const header = page.getByRole('heading', { name: 'Mohammed Haddad', level: 2 });
    expect(await header.isVisible()).toBe(true);
    expect(await page.getByRole('main').textContent()).toContain(person.passageId);
    await snap(page, 'clinical-record.png', true);
  });

  it('prints the person’s summary and the assessment report on A4, in English and Arabic', async () => {
    expect(person.report, 'the assessment step must pass first').not.toBe('');
    // The summary the person keeps: one column per language, the person's first.
    await page.getByRole('link', { name: 'Print summary' }).click();
    await page.getByRole('heading', { name: 'Health summary', level: 1 }).waitFor(SLOW);
    const columns = page.getByRole('main').getByRole('heading', { level: 2 });
    await expect.poll(() => columns.allTextContents(), SLOW).toEqual(['العربية', 'English']);
    expect(await page.getByRole('main').textContent()).toContain('التهاب البلعوم الحاد');
    expect(await page.getByRole('button', { name: 'Print' }).isEnabled()).toBe(true);
    await snap(page, 'clinical-summary.png', true);
    await expectPrintable(page, 'Health summary', 'clinical-summary-print');

    // The assessment report, opened again from the record: each answer in both languages.
    await page.goBack();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByRole('button', { name: /Assessment Health assessment/ }).click();
    const reportLink = timeline.getByRole('link', { name: 'Print report' });
    expect(await reportLink.getAttribute('href')).toBe(person.report);
    await reportLink.scrollIntoViewIfNeeded();
    await snap(page, 'clinical-record-assessment-entry.png');
    await reportLink.click();
    await page.getByRole('heading', { name: 'Health assessment report', level: 1 }).waitFor(SLOW);
    const report = page.getByRole('main');
    const exam = report.getByRole('region', { name: /^Examination/ });
    await exam.waitFor(SLOW);
    expect(await page.getByRole('button', { name: 'Print' }).isEnabled()).toBe(true);
    expect(await exam.getByRole('columnheader').allTextContents()).toEqual(['English', 'العربية']);
    const temperature = exam.getByRole('row').filter({ hasText: 'Temperature' });
    const [english, arabic] = await temperature.getByRole('cell').all();
    expect(await english?.textContent()).toContain('37.8');
    expect(await arabic?.getAttribute('lang')).toBe('ar');
    expect(await arabic?.getAttribute('dir')).toBe('rtl');
    expect(await report.getByRole('region', { name: /^Conclusion/ }).textContent()).toContain('J02.9');
    expect(await report.getByRole('region', { name: /^Symptoms/ }).textContent()).toContain(
      'Persistent cough (over two weeks)',
    );
    await snap(page, 'clinical-report.png', true);
    await expectPrintable(page, 'Health assessment report', 'clinical-report-print');
  });

  it('shows the server’s message at the field when it refuses what the browser let through', async () => {
    // A tablet whose clock runs three days fast: the form takes its "today" for a birth date, the
    // server does not (it allows no date after its own today).
    const tablet = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    try {
      const onTablet = await tablet.newPage();
      await onTablet.clock.setSystemTime(new Date(Date.now() + 3 * 24 * 3600_000));
      await signIn(onTablet, server.url);
      await onTablet.goto(`${server.url}/people/new`);
      const form = onTablet.getByRole('form', { name: 'Register a person' });
      await form.getByRole('textbox', { name: 'Given names', exact: true }).fill('Lina');
      await form.getByRole('textbox', { name: 'Family name', exact: true }).fill('Haddad');
      await form.getByRole('radio', { name: 'Female', exact: true }).check();
      const tabletToday = await onTablet.evaluate(() => {
        const d = new Date();
        return [d.getFullYear(), d.getMonth() + 1, d.getDate()]
          .map((n) => String(n).padStart(2, '0'))
          .join('-');
      });
      expect(tabletToday > today).toBe(true);
      const birthDate = form.getByRole('textbox', { name: 'Date of birth', exact: true });
      await birthDate.fill(tabletToday);
      await form.getByRole('button', { name: 'Register', exact: true }).click();

      await expect.poll(() => birthDate.getAttribute('aria-invalid'), SLOW).toBe('true');
      expect(await describedBy(birthDate)).toContain(`The birth date ${tabletToday} is in the future`);
      expect(new URL(onTablet.url()).pathname).toBe('/people/new');
      await birthDate.scrollIntoViewIfNeeded();
      await snap(onTablet, 'clinical-register-server-refused.png');
    } finally {
      await tablet.close();
    }
  });
});

import { useTranslation } from 'react-i18next';

/** A CSS string literal: quotes and backslashes escaped, line breaks kept. */
const cssString = (text: string) =>
  `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\A ')}"`;

// Private-use characters stand for the two numbers, to cut the sentence around them.
const PAGE = '\uE000';
const PAGES = '\uE001';

/** The counter style matching the digits the language writes (Arabic-Indic, Persian, Latin). */
function counterStyle(language: string): string {
  const system = new Intl.NumberFormat(language).resolvedOptions().numberingSystem;
  return system === 'arab' ? 'arabic-indic' : system === 'arabext' ? 'persian' : 'decimal';
}

/**
 * "Page 2 of 5" and the person's Passage id at the foot of every printed page. Page counters exist only
 * in CSS (@page margin boxes), so the translated sentence is cut around its two numbers.
 */
export function PageFooter({ passageId, printedOn }: { passageId: string | undefined; printedOn: string }) {
  const { t, i18n } = useTranslation();
  const style = counterStyle(i18n.resolvedLanguage ?? 'en');
  const [before = '', middle = '', after = ''] = t('assessmentPageCounter', {
    page: PAGE,
    pages: PAGES,
  }).split(new RegExp(`[${PAGE}${PAGES}]`));
  const counter = [
    cssString(before),
    `counter(page, ${style})`,
    cssString(middle),
    `counter(pages, ${style})`,
    cssString(after),
  ].join(' ');
  const left = [
    passageId ? `${t('assessmentPassageId')} ${passageId}` : '',
    t('assessmentReportPrinted', { date: printedOn }),
  ]
    .filter(Boolean)
    .join(' · ');
  // Margin boxes inherit nothing from the page's body: they need their own font.
  const font = 'font-size: 9pt; font-family: system-ui, "Noto Sans", "Noto Sans Arabic", sans-serif;';
  const css = `@page report {
  @bottom-right { content: ${counter}; ${font} }
  @bottom-left { content: ${cssString(left)}; ${font} }
}`;
  return <style>{css}</style>;
}

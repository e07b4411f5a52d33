import type { Coding, Extension, QuestionnaireItem } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { CVX_SYSTEM, ICD10_SYSTEM, TRANSLATION_EXT } from '../../records/fhir-conventions.ts';
import { VACCINE_ENTRIES } from '../../terminology/cvx.ts';
import { ICD10_ENTRIES } from '../../terminology/icd10.ts';
import { healthAssessment } from '../health-assessment.ts';
import { ar } from './ar.ts';
import { bm } from './bm.ts';
import type { AssessmentCatalogue } from './catalogue.ts';
import { es } from './es.ts';
import { fa } from './fa.ts';
import { ff } from './ff.ts';
import { fr } from './fr.ts';
import {
  assessmentLanguages,
  catalogueKey,
  hasTranslation,
  type TranslatedQuestionnaireItem,
  translateCoding,
  translateItem,
  translationStatus,
  withTranslationExtensions,
} from './localize.ts';
import { ru } from './ru.ts';
import { sq } from './sq.ts';
import { uk } from './uk.ts';
import { ur } from './ur.ts';
import { wo } from './wo.ts';

const CATALOGUES: Record<string, AssessmentCatalogue> = { fr, es, ar, fa, ur, ru, uk, sq, bm, ff, wo };
const LANGUAGES = Object.keys(CATALOGUES);
const WITH_TERMINOLOGY = ['fr', 'es', 'ar', 'fa', 'ru', 'uk'];

function flatten<T extends { item?: T[] }>(items: T[] = []): T[] {
  return items.flatMap((item) => [item, ...flatten(item.item)]);
}
const ITEMS = flatten<QuestionnaireItem>(healthAssessment.item);
const OPTIONS: Coding[] = ITEMS.flatMap((item) =>
  (item.answerOption ?? []).flatMap((o) => o.valueCoding ?? []),
);
const TERMINOLOGY: Coding[] = [
  ...ICD10_ENTRIES.map((e) => ({ system: ICD10_SYSTEM, code: e.code, display: e.display })),
  ...VACCINE_ENTRIES.map((e) => ({ system: CVX_SYSTEM, code: e.cvx, display: e.display })),
];
/** The keys a catalogue may use: `system|code`, or the bare code of an option without a system. */
const keysOf = (coding: Coding) => (coding.system ? [catalogueKey(coding)] : [coding.code ?? '']);
const lookup = (catalogue: AssessmentCatalogue, coding: Coding) =>
  catalogue.codes[catalogueKey(coding)] ?? catalogue.codes[coding.code ?? ''];
const allStrings = (c: AssessmentCatalogue) => [...Object.values(c.items), ...Object.values(c.codes)];

describe('assessment catalogues', () => {
  it('has the eleven languages after English', () => {
    expect(assessmentLanguages()).toEqual([
      'en',
      'fr',
      'es',
      'ar',
      'fa',
      'ur',
      'ru',
      'uk',
      'sq',
      'bm',
      'ff',
      'wo',
    ]);
  });

  it.each(LANGUAGES)('%s: translates every item of the questionnaire', (language) => {
    const catalogue = CATALOGUES[language] as AssessmentCatalogue;
    const missing = ITEMS.filter((item) => !catalogue.items[item.linkId]?.trim()).map((item) => item.linkId);
    expect(missing).toEqual([]);
    for (const item of ITEMS) expect(hasTranslation(item.linkId, language)).toBe(true);
  });

  it.each(LANGUAGES)('%s: translates every answer option', (language) => {
    const catalogue = CATALOGUES[language] as AssessmentCatalogue;
    const missing = OPTIONS.filter((coding) => !lookup(catalogue, coding)?.trim()).map(catalogueKey);
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('%s: has no keys the questionnaire and value sets do not have', (language) => {
    const catalogue = CATALOGUES[language] as AssessmentCatalogue;
    const linkIds = new Set(ITEMS.map((item) => item.linkId));
    const codes = new Set([...OPTIONS, ...TERMINOLOGY].flatMap(keysOf));
    expect(Object.keys(catalogue.items).filter((key) => !linkIds.has(key))).toEqual([]);
    expect(Object.keys(catalogue.codes).filter((key) => !codes.has(key))).toEqual([]);
    const reviewKeys = Object.keys(catalogue.review ?? {});
    expect(reviewKeys.filter((key) => !linkIds.has(key) && !codes.has(key))).toEqual([]);
    expect(allStrings(catalogue).filter((text) => text !== text.trim() || text === '')).toEqual([]);
  });

  it.each(WITH_TERMINOLOGY)('%s: translates every ICD-10 and CVX display', (language) => {
    const catalogue = CATALOGUES[language] as AssessmentCatalogue;
    expect(TERMINOLOGY.filter((coding) => !lookup(catalogue, coding)?.trim()).map(catalogueKey)).toEqual([]);
  });

  it('falls back to the English ICD-10 and CVX displays where a catalogue has none', () => {
    for (const language of LANGUAGES.filter((l) => !WITH_TERMINOLOGY.includes(l))) {
      for (const coding of TERMINOLOGY) {
        expect(translateCoding(coding, language)).toBe(
          lookup(CATALOGUES[language]!, coding) ?? coding.display,
        );
      }
    }
  });

  it.each(['ar', 'fa', 'ur'])('%s: is written in Arabic script', (language) => {
    const strings = allStrings(CATALOGUES[language] as AssessmentCatalogue);
    expect(strings.filter((text) => !/[\u0600-\u06FF]/.test(text))).toEqual([]);
  });

  it.each(['ru', 'uk'])('%s: is written in Cyrillic', (language) => {
    const strings = allStrings(CATALOGUES[language] as AssessmentCatalogue);
    expect(strings.filter((text) => !/[\u0400-\u04FF]/.test(text))).toEqual([]);
  });

  it('keeps each language to its own letters', () => {
    const joined = (c: AssessmentCatalogue) => allStrings(c).join(' ');
    expect(joined(ru)).not.toMatch(/[іїєґІЇЄҐ]/); // Ukrainian letters
    expect(joined(uk)).not.toMatch(/[ыэъёЫЭЪЁ]/); // Russian letters
    expect(joined(ar)).not.toMatch(/[\u06CC\u06A9\u067E\u0686\u06AF\u0698]/); // Persian ی ک پ چ گ ژ
    expect(joined(fa)).not.toMatch(/[\u064A\u0643]/); // Arabic ي ك
    expect(joined(ur)).toMatch(/[\u06D2\u0679\u0688\u0691]/); // Urdu ے ٹ ڈ ڑ
  });

  it('falls back to English for a language without a catalogue', () => {
    const item = ITEMS.find((i) => i.linkId === 'symptom-cough') as QuestionnaireItem;
    expect(translateItem(item, 'de')).toBe(item.text);
    expect(translateItem(item, 'en')).toBe(item.text);
    expect(translateItem(item, 'fr')).toBe(fr.items['symptom-cough']);
    expect(translateItem(item, 'fr-CA')).toBe(fr.items['symptom-cough']);
    expect(translateItem({ linkId: 'toString', text: 'x' }, 'fr')).toBe('x');
    expect(hasTranslation('symptom-cough', 'de')).toBe(false);
    const yes = OPTIONS.find((c) => c.code === 'yes') as Coding;
    expect(translateCoding(yes, 'de')).toBe('Yes');
    expect(translateCoding(yes, 'es')).toBe(es.codes[catalogueKey(yes)]);
  });

  it('tells which translations are unreviewed (all of them until a native speaker has checked them)', () => {
    for (const language of ['bm', 'ff', 'wo', 'fuc', 'fr', 'ar', 'fa', 'uk']) {
      expect(translationStatus(language)).toBe('unreviewed');
      expect(translationStatus(language, 'symptom-cough')).toBe('unreviewed');
    }
    expect(translationStatus('en')).toBe('source');
    expect(translationStatus('de')).toBe('missing');
    expect(translationStatus('fr', 'no-such-item')).toBe('missing');
    expect(translationStatus('sq', TERMINOLOGY[0] as Coding)).toBe('missing');
    expect(translationStatus('fr', TERMINOLOGY[0] as Coding)).toBe('unreviewed');
  });
});

describe('withTranslationExtensions', () => {
  const translated = withTranslationExtensions(healthAssessment);
  const translatedItems = flatten<TranslatedQuestionnaireItem>(translated.item);
  const content = (extensions: Extension[] | undefined, language: string) =>
    extensions
      ?.filter((e) => e.url === TRANSLATION_EXT)
      .find((e) => e.extension?.find((x) => x.url === 'lang')?.valueCode === language)
      ?.extension?.find((x) => x.url === 'content')?.valueString;

  it('adds every translation of every item text and answer display', () => {
    expect(translatedItems.map((i) => i.linkId)).toEqual(ITEMS.map((i) => i.linkId));
    for (const item of translatedItems) {
      expect(item._text?.extension).toHaveLength(LANGUAGES.length);
      for (const language of LANGUAGES) {
        expect(content(item._text?.extension, language)).toBe(translateItem(item, language));
        for (const option of item.answerOption ?? []) {
          const coding = option.valueCoding as Coding & { _display?: { extension?: Extension[] } };
          expect(content(coding._display?.extension, language)).toBe(translateCoding(coding, language));
        }
      }
    }
  });

  it('leaves the source alone and can be applied twice', () => {
    expect(JSON.stringify(healthAssessment)).not.toContain(TRANSLATION_EXT);
    expect(withTranslationExtensions(translated)).toEqual(translated);
    const { item: _a, ...rest } = translated;
    const { item: _b, ...source } = healthAssessment;
    expect(rest).toEqual(source);
  });
});

/**
 * The assessment's questions and answer options in the person's and the clinician's languages, so
 * the form and the printouts can show both side by side. English is the source (the Questionnaire's
 * own text); other languages come from the catalogues in this folder, imported statically (the core
 * package has no side effects). Missing translations fall back to English; `hasTranslation` and
 * `translationStatus` let a screen mark them, and unreviewed ones.
 */
import type {
  Coding,
  Extension,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemAnswerOption,
} from '@medplum/fhirtypes';
import { TRANSLATION_EXT } from '../../records/fhir-conventions.ts';
import { ar } from './ar.ts';
import { bm } from './bm.ts';
import type { AssessmentCatalogue, ReviewStatus } from './catalogue.ts';
import { es } from './es.ts';
import { fa } from './fa.ts';
import { ff } from './ff.ts';
import { fr } from './fr.ts';
import { ru } from './ru.ts';
import { sq } from './sq.ts';
import { uk } from './uk.ts';
import { ur } from './ur.ts';
import { wo } from './wo.ts';

export type { AssessmentCatalogue, ReviewStatus } from './catalogue.ts';
export type TranslationStatus = 'source' | ReviewStatus | 'missing';

const CATALOGUES: ReadonlyMap<string, AssessmentCatalogue> = new Map(
  Object.entries({ fr, es, ar, fa, ur, ru, uk, sq, bm, ff, wo }),
);
/** Other tags for a catalogue's language: Pulaar's ISO 639-3 code. */
const ALIASES: ReadonlyMap<string, string> = new Map([['fuc', 'ff']]);

function base(language: string): string {
  const tag = language.toLowerCase().split('-')[0] ?? '';
  return ALIASES.get(tag) ?? tag;
}

const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

const itemText = (catalogue: AssessmentCatalogue | undefined, linkId: string) =>
  catalogue && own(catalogue.items, linkId);

function codingText(catalogue: AssessmentCatalogue | undefined, coding: Coding): string | undefined {
  if (!catalogue) return undefined;
  return own(catalogue.codes, catalogueKey(coding)) ?? own(catalogue.codes, coding.code ?? '');
}

/** The key of an answer in a catalogue's `codes`. */
export const catalogueKey = (coding: Coding): string => `${coding.system ?? ''}|${coding.code ?? ''}`;

export function translateItem(item: Pick<QuestionnaireItem, 'linkId' | 'text'>, language: string): string {
  return itemText(CATALOGUES.get(base(language)), item.linkId) ?? item.text ?? item.linkId;
}

export function translateCoding(coding: Coding, language: string): string {
  return codingText(CATALOGUES.get(base(language)), coding) ?? coding.display ?? coding.code ?? '';
}

export function hasTranslation(linkId: string, language: string): boolean {
  return base(language) === 'en' || itemText(CATALOGUES.get(base(language)), linkId) !== undefined;
}

export function assessmentLanguages(): string[] {
  return ['en', ...CATALOGUES.keys()];
}

/**
 * Whether a language's texts are the English source, reviewed by a native speaker, unreviewed (shown,
 * but marked as such) or missing (English is shown). With an item's linkId or an answer's Coding, the
 * status of that one string.
 */
export function translationStatus(language: string, of?: string | Coding): TranslationStatus {
  if (base(language) === 'en') return 'source';
  const catalogue = CATALOGUES.get(base(language));
  if (!catalogue) return 'missing';
  if (of === undefined) return catalogue.reviewStatus ?? 'unreviewed';
  const text = typeof of === 'string' ? itemText(catalogue, of) : codingText(catalogue, of);
  if (text === undefined) return 'missing';
  const review = catalogue.review ?? {};
  const perString =
    typeof of === 'string' ? own(review, of) : (own(review, catalogueKey(of)) ?? own(review, of.code ?? ''));
  return perString ?? catalogue.reviewStatus ?? 'unreviewed';
}

// --- FHIR translation extensions ----------------------------------------------------------------

/** The extensions of a primitive element (`_text`, `_display`). */
export interface PrimitiveExtensions {
  id?: string;
  extension?: Extension[];
}
export type TranslatedCoding = Coding & { _display?: PrimitiveExtensions };
export type TranslatedAnswerOption = Omit<QuestionnaireItemAnswerOption, 'valueCoding'> & {
  valueCoding?: TranslatedCoding;
};
export type TranslatedQuestionnaireItem = Omit<QuestionnaireItem, 'item' | 'answerOption'> & {
  _text?: PrimitiveExtensions;
  item?: TranslatedQuestionnaireItem[];
  answerOption?: TranslatedAnswerOption[];
};

function translations(translate: (catalogue: AssessmentCatalogue) => string | undefined): Extension[] {
  return [...CATALOGUES].flatMap(([lang, catalogue]) => {
    const content = translate(catalogue);
    if (content === undefined) return [];
    const extension = [
      { url: 'lang', valueCode: lang },
      { url: 'content', valueString: content },
    ];
    return [{ url: TRANSLATION_EXT, extension }];
  });
}

/** The element with these translations, replacing earlier translations into the same languages. */
function withTranslations(element: PrimitiveExtensions | undefined, added: Extension[]) {
  if (added.length === 0) return element;
  const langs = new Set(added.map(translationLanguage));
  const kept = (element?.extension ?? []).filter(
    (e) => e.url !== TRANSLATION_EXT || !langs.has(translationLanguage(e)),
  );
  return { ...element, extension: [...kept, ...added] };
}

const translationLanguage = (e: Extension) => e.extension?.find((x) => x.url === 'lang')?.valueCode;

function translatedOption(option: QuestionnaireItemAnswerOption): TranslatedAnswerOption {
  const coding: TranslatedCoding | undefined = option.valueCoding;
  const display =
    coding &&
    withTranslations(
      coding._display,
      translations((c) => codingText(c, coding)),
    );
  return coding && display ? { ...option, valueCoding: { ...coding, _display: display } } : option;
}

function translatedItem(item: QuestionnaireItem): TranslatedQuestionnaireItem {
  const { item: children, answerOption, ...rest } = item as TranslatedQuestionnaireItem;
  const out: TranslatedQuestionnaireItem = { ...rest };
  const text = withTranslations(
    rest._text,
    translations((c) => itemText(c, item.linkId)),
  );
  if (text) out._text = text;
  if (answerOption) out.answerOption = answerOption.map(translatedOption);
  if (children) out.item = children.map(translatedItem);
  return out;
}

/**
 * A copy of the Questionnaire with every translation as FHIR's standard translation extension on each
 * item's `_text` and each answer option's `valueCoding._display`, so other FHIR tools see them.
 */
export function withTranslationExtensions<Q extends Questionnaire>(
  questionnaire: Q,
): Omit<Q, 'item'> & { item?: TranslatedQuestionnaireItem[] } {
  const { item, ...rest } = questionnaire;
  return item ? { ...rest, item: item.map(translatedItem) } : rest;
}

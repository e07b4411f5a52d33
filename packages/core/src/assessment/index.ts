export * from './codes.ts';
export * from './context.ts';
export * from './decisions.ts';
export * from './extract.ts';
export * from './health-assessment.ts';
export * from './questionnaire-builder.ts';
export * from './response.ts';
export * from './validate-response.ts';
export {
  assessmentLanguages,
  hasTranslation,
  translateCoding,
  translateItem,
  translationStatus,
  withTranslationExtensions,
  type TranslationStatus,
} from './translations/localize.ts';

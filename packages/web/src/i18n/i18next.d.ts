import type en from '../translations/en.json';

// Type-checks every t('key') against the English catalogue, the reference for all others.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    keySeparator: false;
    nsSeparator: false;
    resources: { translation: typeof en };
  }
}

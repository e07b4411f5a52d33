import type shell from '../translations/en.json';
import type people from '../people/translations/en.json';
import type assessment from '../assessment/translations/en.json';
import type record from '../record/translations/en.json';
import type worklists from '../worklists/translations/en.json';
import type identity from '../identity/translations/en.json';

// Type-checks every t('key') against the English catalogues, the reference for all others.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    keySeparator: false;
    nsSeparator: false;
    resources: {
      translation: typeof shell &
        typeof people &
        typeof assessment &
        typeof record &
        typeof worklists &
        typeof identity;
    };
  }
}

import { POLICY, ROLES } from '@passage/core';
import IntlMessageFormat from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, FEATURE_CATALOGUES, type Catalogue } from './catalogues';
import { LANGUAGES } from './languages';

type Element = ReturnType<IntlMessageFormat['getAst']>[number];

// Every catalogue of every feature, so a new language is checked as soon as its files exist.
const catalogues = CATALOGUES;
const en: Catalogue = CATALOGUES['en'] ?? {};

/** Words that are the same in English and the other language, so equal text is not a missed translation. */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  fr: ['appName', 'actions', 'auditAction', 'listSeparator', 'organization', 'site', 'suppressedCount'],
  ar: ['appName'],
};

/** Argument names used by an ICU message (plural and select included); throws if it does not parse. */
function placeholders(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: readonly Element[]) => {
    for (const element of elements) {
      if ('options' in element) {
        names.add(element.value);
        for (const option of Object.values(element.options)) walk(option.value);
      } else if ('children' in element) {
        names.add(`<${element.value}>`);
        walk(element.children);
      } else if ('value' in element && element.type !== 0) {
        names.add(element.value);
      }
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

describe('translation catalogues', () => {
  it('has a catalogue for every language offered, and offers every catalogue', () => {
    expect(Object.keys(catalogues).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  it('gives every feature a catalogue per language, with the keys of its English one', () => {
    for (const [feature, byLanguage] of Object.entries(FEATURE_CATALOGUES)) {
      expect(Object.keys(byLanguage).sort(), feature).toEqual(LANGUAGES.map((l) => l.code).sort());
      const keys = Object.keys(byLanguage['en'] ?? {}).sort();
      for (const [language, catalogue] of Object.entries(byLanguage)) {
        expect(Object.keys(catalogue).sort(), `${feature}/${language}`).toEqual(keys);
      }
    }
  });

  it('defines each key in one feature only', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [feature, byLanguage] of Object.entries(FEATURE_CATALOGUES)) {
      for (const key of Object.keys(byLanguage['en'] ?? {})) {
        const previous = owner.get(key);
        if (previous) clashes.push(`${key}: ${previous} and ${feature}`);
        owner.set(key, feature);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('keeps the English role texts equal to the policy in @passage/core', () => {
    const catalogue = en;
    for (const role of ROLES) {
      const key = `role${role.charAt(0).toUpperCase()}${role.slice(1)}`;
      expect(catalogue[key], key).toBe(POLICY[role].label);
      expect(catalogue[`${key}Description`], `${key}Description`).toBe(POLICY[role].description);
    }
  });

  for (const [language, catalogue] of Object.entries(catalogues)) {
    describe(language, () => {
      it('has exactly the keys of en.json', () => {
        expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      });

      it('has no empty values', () => {
        const empty = Object.entries(catalogue).filter(
          ([, value]) => typeof value !== 'string' || !value.trim(),
        );
        expect(empty.map(([key]) => key)).toEqual([]);
      });

      it('parses every message as ICU, with the same placeholders as English', () => {
        const english = en;
        const problems: Record<string, string> = {};
        for (const [key, message] of Object.entries(catalogue)) {
          const source = english[key];
          if (source === undefined) continue; // Reported by the key test.
          try {
            const [mine, theirs] = [placeholders(message, language), placeholders(source, 'en')];
            if (mine.join() !== theirs.join())
              problems[key] = `{${mine.join()}} instead of {${theirs.join()}}`;
          } catch (error) {
            problems[key] = `does not parse: ${error instanceof Error ? error.message : String(error)}`;
          }
        }
        expect(problems).toEqual({});
      });

      it.skipIf(language === 'en')('translates every message (nothing left in English)', () => {
        const english = en;
        const allowed = SAME_AS_ENGLISH[language] ?? [];
        const untranslated = Object.keys(catalogue).filter(
          (key) => catalogue[key] === english[key] && !allowed.includes(key),
        );
        expect(untranslated).toEqual([]);
      });
    });
  }
});

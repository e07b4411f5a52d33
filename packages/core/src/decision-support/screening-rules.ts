/**
 * Which infectious-disease screenings to offer, after the ECDC 2018 guidance table (see
 * /shared/reference/screening-ecdc.md): TB symptom screen for everyone; chest X-ray and LTBI testing
 * for high-incidence origins; HIV, hepatitis B and C by prevalence; schistosomiasis and
 * strongyloidiasis by endemicity. A recorded test makes an item done; a recorded diagnosis makes it
 * not applicable.
 */
import { decideByFigure, figureFor, knownCondition, recordedScreening, tbBasis } from './context.ts';
import type { Context } from './context.ts';
import type { EndemicCondition, Indicator } from './programme.ts';
import { reason } from './reasons.ts';
import type { Reason } from './reasons.ts';
import type { Decision, ScreeningRecommendation, ScreeningTarget } from './recommendation.ts';
import { SATISFIED_BY, TESTS } from './screening-tests.ts';
import type { Coding, ScreeningId } from './screening-tests.ts';

// ICD-10 codes that make a screening pointless: the condition is already known.
const ACTIVE_TB = ['A15', 'A16', 'A17', 'A18', 'A19'];
// Past TB (B90) or known LTBI (Z22.7, R76.1): IGRA/TST stay positive, so testing adds nothing.
const TB_INFECTION = [...ACTIVE_TB, 'B90', 'Z227', 'R761'];
const KNOWN: Record<Exclude<ScreeningTarget, 'active-tb' | 'latent-tb'>, string[]> = {
  hiv: ['B20', 'B21', 'B22', 'B23', 'B24', 'Z21'],
  'hepatitis-b': ['B16', 'B180', 'B181'],
  'hepatitis-c': ['B171', 'B182'],
  schistosomiasis: ['B65'],
  strongyloidiasis: ['B78'],
};

interface Spec {
  id: ScreeningId;
  target: ScreeningTarget;
  tests: readonly Coding[];
  knownCodes: readonly string[];
  decide: () => Decision;
}

function build(ctx: Context, spec: Spec): ScreeningRecommendation {
  const base = { id: spec.id, kind: 'screening' as const, target: spec.target, tests: spec.tests };
  const icd10 = knownCondition(ctx, spec.knownCodes);
  if (icd10 !== undefined) {
    const known = reason('known-condition', { icd10 });
    return { ...base, priority: 'routine', status: 'not-applicable', reason: known, notes: [] };
  }
  const decision = spec.decide();
  const done = recordedScreening(ctx, SATISFIED_BY[spec.id]);
  return {
    ...base,
    priority: decision.priority,
    status: done ? 'done' : decision.status,
    reason: decision.reason,
    notes: decision.notes ?? [],
    ...(done ? { doneBy: done } : {}),
  };
}

/** Not applicable for a personal reason; the table-based reason moves to the notes. */
function setAside(basis: Decision, why: Reason): Decision {
  return {
    status: 'not-applicable',
    priority: 'routine',
    reason: why,
    notes: [basis.reason],
  };
}

function prevalenceScreen(ctx: Context, indicator: Indicator): Decision {
  return decideByFigure(figureFor(ctx.programme, ctx.person.origin, indicator));
}

function endemicScreen(ctx: Context, condition: EndemicCondition): Decision {
  const list = ctx.programme.table.endemic[condition];
  const country = ctx.person.origin;
  const countryName = ctx.programme.table.countries[country]?.name;
  const params = {
    country,
    ...(countryName ? { countryName } : {}),
    condition,
    source: list.source,
    year: list.year,
  };
  if (list.countries.includes(country))
    return { status: 'due', priority: 'high', reason: reason('endemic', params) };
  if (!ctx.originKnown) {
    const unknown = { country, table: ctx.programme.table.name };
    return { status: 'not-applicable', priority: 'routine', reason: reason('origin-unknown', unknown) };
  }
  return { status: 'not-applicable', priority: 'routine', reason: reason('not-endemic', params) };
}

function hivDecision(ctx: Context): Decision {
  const figure = figureFor(ctx.programme, ctx.person.origin, 'hiv-prevalence-pct');
  const byFigure = decideByFigure(figure);
  if (figure.kind === 'value' && figure.above) return byFigure;
  const minAge = ctx.programme.rules.hivOfferFromAge;
  if (ctx.age < minAge) return byFigure;
  return {
    status: 'due',
    priority: 'routine',
    reason: reason('offer-on-request', { ...figure.params, minAge }),
  };
}

export function screeningRecommendations(ctx: Context): ScreeningRecommendation[] {
  const { rules } = ctx.programme;
  const tb = tbBasis(ctx);
  const withTransit = (d: Decision): Decision => ({ ...d, notes: [...(d.notes ?? []), ...tb.notes] });

  const chestXray = (): Decision => {
    const basis = tb.decision;
    if (basis.status !== 'due') return withTransit(basis);
    if (ctx.pregnant) return withTransit(setAside(basis, reason('pregnancy', { target: 'active-tb' })));
    if (ctx.age < rules.cxrMinAge) {
      return withTransit(
        setAside(basis, reason('child-igra-first', { age: ctx.age, minAge: rules.cxrMinAge })),
      );
    }
    return withTransit(basis);
  };

  const ltbi = (): Decision => {
    const basis = tb.decision;
    if (basis.status !== 'due' || ctx.age < rules.ltbiMaxAge) return withTransit(basis);
    // The X-ray waits until after delivery, so IGRA is offered at any age instead.
    if (ctx.pregnant)
      return withTransit({ ...basis, reason: reason('igra-in-pregnancy'), notes: [basis.reason] });
    return withTransit(setAside(basis, reason('age', { age: ctx.age, maxAge: rules.ltbiMaxAge })));
  };

  const hepatitisC = (): Decision => {
    const basis = prevalenceScreen(ctx, 'anti-hcv-prevalence-pct');
    if (ctx.age >= rules.hcvMinAge || basis.status !== 'due') return basis;
    return setAside(basis, reason('age', { age: ctx.age, minAge: rules.hcvMinAge }));
  };

  const specs: Spec[] = [
    {
      id: 'screen-tb-symptoms',
      target: 'active-tb',
      tests: [TESTS.tbSymptoms],
      knownCodes: ACTIVE_TB,
      decide: () => ({ status: 'due', priority: 'high', reason: reason('everyone') }),
    },
    {
      id: 'screen-tb-chest-xray',
      target: 'active-tb',
      tests: [TESTS.chestXray],
      knownCodes: ACTIVE_TB,
      decide: chestXray,
    },
    {
      id: 'screen-ltbi',
      target: 'latent-tb',
      // IGRA only in pregnancy: a single visit, and unaffected by BCG.
      tests: ctx.pregnant ? [TESTS.igra] : [TESTS.igra, TESTS.tst],
      knownCodes: TB_INFECTION,
      decide: ltbi,
    },
    {
      id: 'screen-hiv',
      target: 'hiv',
      tests: [TESTS.hivAgAb],
      knownCodes: KNOWN.hiv,
      decide: () => hivDecision(ctx),
    },
    {
      id: 'screen-hepatitis-b',
      target: 'hepatitis-b',
      tests: [TESTS.hbsag, TESTS.antiHbc, TESTS.antiHbs],
      knownCodes: KNOWN['hepatitis-b'],
      decide: () => prevalenceScreen(ctx, 'hbsag-prevalence-pct'),
    },
    {
      id: 'screen-hepatitis-c',
      target: 'hepatitis-c',
      tests: [TESTS.antiHcv, TESTS.hcvRna],
      knownCodes: KNOWN['hepatitis-c'],
      decide: hepatitisC,
    },
    {
      id: 'screen-schistosomiasis',
      target: 'schistosomiasis',
      tests: [TESTS.schistosomaSerology],
      knownCodes: KNOWN.schistosomiasis,
      decide: () => endemicScreen(ctx, 'schistosomiasis'),
    },
    {
      id: 'screen-strongyloidiasis',
      target: 'strongyloidiasis',
      tests: [TESTS.strongyloidesSerology],
      knownCodes: KNOWN.strongyloidiasis,
      decide: () => endemicScreen(ctx, 'strongyloidiasis'),
    },
  ];
  return specs.map((spec) => build(ctx, spec));
}

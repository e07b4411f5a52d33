/**
 * Catch-up vaccination after ECDC 2018: children and adolescents get MMR, DTP, polio, Hib (under 5)
 * and, from countries with HBsAg prevalence at or above the cut-off, hepatitis B; adults without
 * reliable records get a primary series of diphtheria-tetanus(-pertussis) and polio, and MMR except
 * in pregnancy. Only documented doses count; self-reported ones are shown but count as not given.
 */
import { decideByFigure, figureFor } from './context.ts';
import type { Context } from './context.ts';
import type { RecordedImmunization } from './input.ts';
import { CATCH_UP_VACCINES } from './programme.ts';
import type { CatchUpVaccine } from './programme.ts';
import { reason } from './reasons.ts';
import type { Reason, ReasonParams } from './reasons.ts';
import type { Decision, VaccinationRecommendation } from './recommendation.ts';
import { antigensOf, cvxCoding } from './vaccines.ts';
import type { Antigen, CvxCode } from './vaccines.ts';

/** A dose counts for a catch-up when it covers all of these (pertussis is wanted but Td counts). */
const REQUIRED_ANTIGENS: Record<CatchUpVaccine, readonly Antigen[]> = {
  mmr: ['measles', 'mumps', 'rubella'],
  dtp: ['diphtheria', 'tetanus'],
  polio: ['polio'],
  hib: ['hib'],
  'hepatitis-b': ['hepatitis-b'],
};

/** Vaccines to suggest by age: DTaP before 7 years, Tdap or Td after (reduced antigen doses). */
function suggested(target: CatchUpVaccine, age: number): CvxCode[] {
  switch (target) {
    case 'mmr':
      return ['03'];
    case 'dtp':
      return age < 7 ? ['20'] : ['115', '09'];
    case 'polio':
      return ['10'];
    case 'hib':
      return ['17'];
    case 'hepatitis-b':
      return ['08'];
  }
}

function counts(ctx: Context, target: CatchUpVaccine) {
  const needed = REQUIRED_ANTIGENS[target];
  const doses = ctx.person.recorded.immunizations.filter(
    (dose) =>
      (dose.date === undefined || dose.date <= ctx.person.today) &&
      needed.every((antigen) => antigensOf(dose.vaccine).includes(antigen)),
  );
  const documented = doses.filter((dose) => dose.documented);
  const latest = documented.reduce<RecordedImmunization | undefined>(
    (last, dose) =>
      last?.date !== undefined && (dose.date === undefined || dose.date < last.date) ? last : dose,
    undefined,
  );
  return { documented: documented.length, selfReported: doses.length - documented.length, latest };
}

function recommendation(ctx: Context, target: CatchUpVaccine): VaccinationRecommendation {
  const { rules, vaccination } = ctx.programme;
  const rule = vaccination[target];
  const child = ctx.age < rules.childMaxAge;
  const dose = counts(ctx, target);
  const requiredDoses =
    ctx.ageMonths < 12 && rule.dosesUnder12Months !== undefined ? rule.dosesUnder12Months : rule.doses;
  const catchUp = {
    ageGroup: child ? 'child' : 'adult',
    documentedDoses: dose.documented,
    requiredDoses,
    selfReportedDoses: dose.selfReported,
  };
  const notes: Reason[] =
    dose.selfReported > 0
      ? [reason('self-reported-not-counted', { selfReportedDoses: dose.selfReported })]
      : [];
  const base = {
    id: `vaccinate-${target}`,
    kind: 'vaccination' as const,
    target,
    tests: [],
    vaccines: suggested(target, ctx.age).map(cvxCoding),
  };

  const decide = (): Decision => {
    const notApplicable = (why: Reason, extra: Reason[] = []): Decision => ({
      status: 'not-applicable',
      priority: 'routine',
      reason: why,
      notes: extra,
    });
    if (ctx.ageMonths < rule.minAgeMonths) {
      return notApplicable(
        reason('age', { age: ctx.age, ageMonths: ctx.ageMonths, minAgeMonths: rule.minAgeMonths }),
      );
    }
    if (rule.maxAgeMonths !== undefined && ctx.ageMonths >= rule.maxAgeMonths) {
      return notApplicable(
        reason('age', { age: ctx.age, ageMonths: ctx.ageMonths, maxAgeMonths: rule.maxAgeMonths }),
      );
    }
    let figureParams: ReasonParams = {};
    if (target === 'hepatitis-b') {
      if (!child) return notApplicable(reason('age', { age: ctx.age, maxAge: rules.childMaxAge }));
      const figure = figureFor(ctx.programme, ctx.person.origin, 'hbsag-prevalence-pct');
      const byFigure = decideByFigure(figure);
      if (byFigure.status !== 'due') return byFigure;
      figureParams = figure.params;
      if (figure.kind === 'no-data')
        return { ...byFigure, reason: reason('no-data', figure.params), notes: [] };
    }
    if (target === 'mmr' && ctx.pregnant) return notApplicable(reason('pregnancy', { target }));
    // Measles spreads in reception settings (ECDC: give MMR priority); children's catch-up too.
    const priority = target === 'mmr' || child ? 'high' : 'routine';
    return { status: 'due', priority, reason: reason('catch-up', { ...catchUp, ...figureParams }) };
  };

  const decision = decide();
  if (dose.documented >= requiredDoses && dose.latest) {
    const done = reason('catch-up', catchUp);
    return { ...base, priority: decision.priority, status: 'done', reason: done, notes, doneBy: dose.latest };
  }
  return {
    ...base,
    priority: decision.priority,
    status: decision.status,
    reason: decision.reason,
    notes: [...(decision.notes ?? []), ...notes],
  };
}

export function vaccinationRecommendations(ctx: Context): VaccinationRecommendation[] {
  return CATCH_UP_VACCINES.map((target) => recommendation(ctx, target));
}

/**
 * The facts every rule reads: the person's age, the origin's table figures against the programme's
 * cut-offs (with their provenance), recorded tests and diagnoses, and the TB basis including transit.
 */
import { monthsBetween, yearsBetween } from './dates.ts';
import type { Person, RecordedScreening, ScreeningKind } from './input.ts';
import type { Indicator, ScreeningProgramme } from './programme.ts';
import { reason } from './reasons.ts';
import type { Reason, ReasonParams } from './reasons.ts';
import type { Decision } from './recommendation.ts';

export type Figure =
  | { readonly kind: 'value'; readonly above: boolean; readonly params: ReasonParams }
  | { readonly kind: 'no-data' | 'origin-unknown'; readonly params: ReasonParams };

export interface Context {
  readonly person: Person;
  readonly programme: ScreeningProgramme;
  readonly age: number;
  readonly ageMonths: number;
  readonly pregnant: boolean;
  readonly originKnown: boolean;
}

export function createContext(person: Person, programme: ScreeningProgramme): Context {
  return {
    person,
    programme,
    age: yearsBetween(person.birthDate, person.today),
    ageMonths: monthsBetween(person.birthDate, person.today),
    pregnant: person.pregnant === true,
    originKnown: Object.hasOwn(programme.table.countries, person.origin),
  };
}

function threshold(programme: ScreeningProgramme, indicator: Indicator): number {
  const t = programme.thresholds;
  switch (indicator) {
    case 'tb-incidence-per-100k':
      return t.tbIncidence;
    case 'hiv-prevalence-pct':
      return t.hiv;
    case 'hbsag-prevalence-pct':
      return t.hbsag;
    case 'anti-hcv-prevalence-pct':
      return t.hcv;
  }
}

/** A country's figure for an indicator, compared with the cut-off, with source and year. */
export function figureFor(programme: ScreeningProgramme, country: string, indicator: Indicator): Figure {
  const table = programme.table;
  const row = Object.hasOwn(table.countries, country) ? table.countries[country] : undefined;
  if (!row) return { kind: 'origin-unknown', params: { country, table: table.name } };
  const value = row[indicator];
  const base = { country, countryName: row.name, indicator };
  if (value === undefined) return { kind: 'no-data', params: base };
  const provenance = row.sources?.[indicator] ?? table.indicators[indicator];
  const cutOff = threshold(programme, indicator);
  return {
    kind: 'value',
    above: value >= cutOff,
    params: {
      ...base,
      value,
      threshold: cutOff,
      unit: table.indicators[indicator].unit,
      source: provenance.source,
      year: provenance.year,
    },
  };
}

/** The usual decision from a figure: at or above the cut-off is due; no figure is offered anyway. */
export function decideByFigure(figure: Figure): Decision {
  switch (figure.kind) {
    case 'value':
      return figure.above
        ? { status: 'due', priority: 'high', reason: reason('above-threshold', figure.params) }
        : { status: 'not-applicable', priority: 'routine', reason: reason('below-threshold', figure.params) };
    case 'no-data':
      return { status: 'due', priority: 'routine', reason: reason('no-data', figure.params) };
    case 'origin-unknown':
      return {
        status: 'not-applicable',
        priority: 'routine',
        reason: reason('origin-unknown', figure.params),
      };
  }
}

/** The first recorded ICD-10 code starting with one of the prefixes (dots and case ignored). */
export function knownCondition(ctx: Context, prefixes: readonly string[]): string | undefined {
  return ctx.person.recorded.conditions
    .map((c) => c.icd10)
    .find((code) => {
      const normal = code.replace(/[\s.]/g, '').toUpperCase();
      return prefixes.some((prefix) => normal.startsWith(prefix));
    });
}

/** The latest recorded test of one of the kinds, dated no later than today. */
export function recordedScreening(
  ctx: Context,
  kinds: readonly ScreeningKind[],
): RecordedScreening | undefined {
  return ctx.person.recorded.screenings
    .filter((s) => kinds.includes(s.kind) && s.date <= ctx.person.today)
    .reduce<RecordedScreening | undefined>(
      (latest, s) => (latest && latest.date >= s.date ? latest : s),
      undefined,
    );
}

/**
 * Whether TB screening applies: the origin's incidence, or a transit country's when the person
 * stayed there long enough. The minimum stay (3 months by default) follows Cobelens et al. (Lancet
 * 2000;356:461–5): travellers staying 3 months or more in high-incidence countries acquired TB
 * infection at rates close to the local population's. Shorter or undated stays are noted only.
 */
export function tbBasis(ctx: Context): { decision: Decision; notes: Reason[] } {
  const { person, programme } = ctx;
  const indicator = 'tb-incidence-per-100k';
  const minMonths = programme.rules.transitMinMonths;
  const origin = figureFor(programme, person.origin, indicator);
  const notes: Reason[] = [];
  let qualifying: { months: number; figure: Figure & { kind: 'value' } } | undefined;

  const stays = new Map<string, { months: number; undated: boolean }>();
  for (const stay of person.transit) {
    if (stay.country === person.origin) continue;
    const total = stays.get(stay.country) ?? { months: 0, undated: false };
    if (stay.from === undefined) total.undated = true;
    else total.months += monthsBetween(stay.from, stay.to ?? person.arrivalDate ?? person.today);
    stays.set(stay.country, total);
  }
  for (const [country, stay] of stays) {
    const figure = figureFor(programme, country, indicator);
    if (figure.kind !== 'value') {
      notes.push(reason('transit-country-unknown', { country }));
      continue;
    }
    if (!figure.above) continue;
    if (stay.months >= minMonths) {
      if (!qualifying || Number(figure.params.value) > Number(qualifying.figure.params.value)) {
        qualifying = { months: stay.months, figure };
      }
    } else if (stay.undated) {
      notes.push(reason('transit-duration-unknown', figure.params));
    } else {
      notes.push(reason('transit-short-stay', { ...figure.params, months: stay.months, minMonths }));
    }
  }

  if (origin.kind === 'value' && origin.above) return { decision: decideByFigure(origin), notes };
  if (qualifying) {
    const params = { ...qualifying.figure.params, months: qualifying.months, minMonths };
    return {
      decision: { status: 'due', priority: 'high', reason: reason('transit-above-threshold', params) },
      notes,
    };
  }
  return { decision: decideByFigure(origin), notes };
}

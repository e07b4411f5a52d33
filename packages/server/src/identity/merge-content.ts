/**
 * The content changes of a merge and their exact reversal, as pure functions: references re-pointed
 * (with the paths recorded, so an unmerge touches only those), and the duplicate's names and
 * identifiers copied onto the survivor (recorded, so an unmerge removes exactly those).
 */
import type { HumanName, Identifier, Patient, PatientLink, Resource } from '@medplum/fhirtypes';
import { PASSAGE_ID_SYSTEM } from '@passage/core';

export type JsonPath = (string | number)[];

const isPatientRef = (value: unknown, id: string): boolean =>
  typeof value === 'string' && (value === `Patient/${id}` || value.startsWith(`Patient/${id}/_history/`));

/** A deep copy with every `reference` to Patient/`from` pointed at Patient/`to`, and where they were. */
export function repoint<T extends Resource>(
  resource: T,
  from: string,
  to: string,
): { resource: T; paths: JsonPath[] } {
  const paths: JsonPath[] = [];
  const walk = (value: unknown, path: JsonPath): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && isPatientRef(v, from)) {
        out[k] = `Patient/${to}`;
        paths.push([...path, k]);
      } else out[k] = walk(v, [...path, k]);
    }
    return out;
  };
  return { resource: walk(resource, []) as T, paths };
}

/** Sets Patient/`to` at each recorded path that still holds Patient/`from` (later edits stay). */
export function repointPaths<T extends Resource>(
  resource: T,
  paths: readonly JsonPath[],
  from: string,
  to: string,
): T {
  const copy = structuredClone(resource) as unknown as Record<string | number, unknown>;
  for (const path of paths) {
    let node: unknown = copy;
    for (const step of path.slice(0, -1))
      node = (node as Record<string | number, unknown> | undefined)?.[step];
    const last = path.at(-1);
    if (node && typeof node === 'object' && last !== undefined) {
      const holder = node as Record<string | number, unknown>;
      if (isPatientRef(holder[last], from)) holder[last] = `Patient/${to}`;
    }
  }
  return copy as unknown as T;
}

/** What the merge added to the survivor, so the unmerge can take exactly that away. */
export interface Copied {
  name: HumanName[];
  identifier: Identifier[];
}

const nameKey = (n: HumanName): string =>
  JSON.stringify([n.family ?? '', n.given ?? [], n.prefix ?? [], n.suffix ?? [], n.text ?? ''].map(lower));
const lower = (v: string | string[]): string | string[] =>
  Array.isArray(v) ? v.map((x) => x.toLowerCase()) : v.toLowerCase();
const identifierKey = (i: Identifier): string => `${i.system ?? ''}|${i.value ?? ''}`;
/** JSON with keys sorted: jsonb does not keep key order, so equality must not depend on it. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}
const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * The survivor after a merge: a `replaces` link, and the duplicate's other spellings of the name and
 * its document numbers as extra entries (so either finds the person). The duplicate keeps its own
 * Passage identifier: one person has one, and it stays unique.
 */
export function absorb(survivor: Patient, duplicate: Patient): { patient: Patient; copied: Copied } {
  const names = new Set((survivor.name ?? []).map(nameKey));
  const ids = new Set((survivor.identifier ?? []).map(identifierKey));
  const copied: Copied = {
    name: (duplicate.name ?? []).filter((n) => !names.has(nameKey(n))),
    identifier: (duplicate.identifier ?? []).filter(
      (i) => i.value && i.system !== PASSAGE_ID_SYSTEM && !ids.has(identifierKey(i)),
    ),
  };
  const link: PatientLink = { other: { reference: `Patient/${duplicate.id}` }, type: 'replaces' };
  const patient: Patient = {
    ...survivor,
    ...(copied.name.length ? { name: [...(survivor.name ?? []), ...copied.name] } : {}),
    ...(copied.identifier.length
      ? { identifier: [...(survivor.identifier ?? []), ...copied.identifier] }
      : {}),
    link: [...(survivor.link ?? []), link],
  };
  return { patient, copied };
}

/** The duplicate after a merge: inactive, pointing at the survivor; everything else as it was. */
export function retire(duplicate: Patient, survivorId: string): Patient {
  const link: PatientLink = { other: { reference: `Patient/${survivorId}` }, type: 'replaced-by' };
  return { ...duplicate, active: false, link: [...(duplicate.link ?? []), link] };
}

/** Removes the last entry equal to `item`: the copy a merge appended. */
function withoutLast<T>(list: readonly T[] | undefined, item: T): T[] {
  const out = [...(list ?? [])];
  for (let i = out.length - 1; i >= 0; i--) {
    if (same(out[i], item)) {
      out.splice(i, 1);
      break;
    }
  }
  return out;
}

/** Sets `key` to `list`, or drops it when empty and absent before the merge. */
function setList<K extends 'name' | 'identifier' | 'link'>(
  patient: Patient,
  key: K,
  list: NonNullable<Patient[K]>,
  before: Patient,
): Patient {
  const out = { ...patient, [key]: list };
  if (list.length === 0 && before[key] === undefined) delete out[key];
  return out;
}

const withoutLink = (links: Patient['link'], otherId: string, type: PatientLink['type']): PatientLink[] =>
  withoutLast(links, { other: { reference: `Patient/${otherId}` }, type });

/**
 * The survivor as it would be had the merge not happened, keeping changes made since: the copied
 * names and identifiers and the `replaces` link come off; nothing else is touched.
 */
export function unabsorb(current: Patient, before: Patient, duplicateId: string, copied: Copied): Patient {
  let out = current;
  out = setList(out, 'name', copied.name.reduce(withoutLast, out.name ?? []), before);
  out = setList(out, 'identifier', copied.identifier.reduce(withoutLast, out.identifier ?? []), before);
  out = setList(out, 'link', withoutLink(out.link, duplicateId, 'replaces'), before);
  return out;
}

/** The duplicate reactivated as it was before (an `active` changed since the merge is kept). */
export function unretire(current: Patient, before: Patient, survivorId: string): Patient {
  let out = setList(current, 'link', withoutLink(current.link, survivorId, 'replaced-by'), before);
  if (out.active === false) {
    out = { ...out, active: before.active };
    if (before.active === undefined) delete out.active;
  }
  return out;
}

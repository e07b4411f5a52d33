/**
 * Extracts the search index rows of a resource: for each search parameter, the values its FHIRPath
 * expression yields, converted to the shape of the index table for that parameter type.
 */
import {
  convertToSearchableDates,
  convertToSearchableQuantities,
  convertToSearchableReferences,
  convertToSearchableTokens,
  evalFhirPathTyped,
  toTypedValue,
  type TypedValue,
} from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { normalizeForSearch } from './normalize.ts';
import { parseRelativeReference, type StoredResourceType } from './resource-types.ts';
import { searchParamsOf, type SearchParamDef } from './search-parameters.ts';
import { unprocessable } from '../errors.ts';

export interface SearchIndexRows {
  token: { code: string; system: string | null; value: string }[];
  string: { code: string; value: string; exact: string }[];
  date: { code: string; low: string; high: string }[];
  reference: { code: string; targetType: string | null; targetId: string }[];
  quantity: { code: string; value: number; system: string | null; unit: string | null }[];
}

/**
 * Longest indexed text: PostgreSQL B-tree entries must stay under about 2.7 kB, and no one searches
 * by a name or code longer than this. Longer values are indexed by their start.
 */
export const MAX_INDEXED_LENGTH = 256;
const clip = (text: string): string =>
  text.length > MAX_INDEXED_LENGTH ? text.slice(0, MAX_INDEXED_LENGTH) : text;

export function emptyIndexRows(): SearchIndexRows {
  return { token: [], string: [], date: [], reference: [], quantity: [] };
}

export function indexResource(resource: Resource): SearchIndexRows {
  const rows = emptyIndexRows();
  const input = [toTypedValue(resource)];
  for (const param of searchParamsOf(resource.resourceType as StoredResourceType).values()) {
    try {
      addRows(rows, param, evalFhirPathTyped(param.expression, input));
    } catch {
      // Structurally valid JSON the FHIRPath engine cannot read (e.g. a reference that is an object).
      const message = `${param.expressionText} holds a value that cannot be read`;
      throw unprocessable(message, [{ expression: param.expressionText, message, type: 'invalid' }]);
    }
  }
  return dedupe(rows);
}

function addRows(rows: SearchIndexRows, param: SearchParamDef, values: TypedValue[]): void {
  if (values.length === 0) return;
  const code = param.code;
  switch (param.type) {
    case 'token':
      for (const t of convertToSearchableTokens(values)) {
        if (t.value)
          rows.token.push({ code, system: t.system ? clip(t.system) : null, value: clip(String(t.value)) });
      }
      break;
    case 'string':
      for (const s of searchableStrings(values)) {
        rows.string.push({ code, value: clip(normalizeForSearch(s)), exact: clip(s) });
      }
      break;
    case 'date':
      for (const p of convertToSearchableDates(values)) {
        const low = p.start ?? p.end;
        const high = p.end ?? p.start;
        if (low && high) rows.date.push({ code, low, high });
      }
      break;
    case 'reference':
      for (const r of convertToSearchableReferences(values)) {
        const parsed = parseRelativeReference(r);
        rows.reference.push(
          parsed
            ? { code, targetType: parsed.type, targetId: parsed.id }
            : { code, targetType: null, targetId: clip(r) },
        );
      }
      break;
    case 'quantity':
      for (const q of convertToSearchableQuantities(values)) {
        if (typeof q.value === 'number') {
          rows.quantity.push({
            code,
            value: q.value,
            system: q.system ? clip(q.system) : null,
            unit: (q.code ?? q.unit) ? clip((q.code ?? q.unit) as string) : null,
          });
        }
      }
      break;
  }
}

const NAME_PARTS = ['text', 'family', 'given', 'prefix', 'suffix'] as const;
const ADDRESS_PARTS = ['text', 'line', 'city', 'district', 'state', 'postalCode', 'country'] as const;

/** Each part of a name or address is searchable on its own (`name=moh` finds given name Mohammed). */
function searchableStrings(values: TypedValue[]): string[] {
  const out: string[] = [];
  for (const { type, value } of values) {
    if (typeof value === 'string') {
      out.push(value);
    } else if (value && typeof value === 'object') {
      const parts = type === 'Address' ? ADDRESS_PARTS : type === 'HumanName' ? NAME_PARTS : [];
      const record = value as Record<string, unknown>;
      for (const part of parts) {
        const v = record[part];
        for (const s of Array.isArray(v) ? v : [v]) if (typeof s === 'string' && s.trim()) out.push(s);
      }
      if (type === 'HumanName') {
        const full = [...((record.given as string[] | undefined) ?? []), record.family]
          .filter(Boolean)
          .join(' ');
        if (full) out.push(full);
      }
    }
  }
  return out;
}

function dedupe(rows: SearchIndexRows): SearchIndexRows {
  const uniq = <T>(list: T[]): T[] => {
    const seen = new Set<string>();
    return list.filter((r) => {
      const key = JSON.stringify(r);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  return {
    token: uniq(rows.token),
    string: uniq(rows.string),
    date: uniq(rows.date),
    reference: uniq(rows.reference),
    quantity: uniq(rows.quantity),
  };
}

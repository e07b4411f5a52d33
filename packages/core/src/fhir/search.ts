/**
 * Parses a FHIR search query into a validated request, with a precise error for anything the
 * server cannot answer exactly (unknown parameters, wrong modifiers, malformed values). Pure: the
 * server turns the result into SQL.
 */
import { badRequest } from '../errors.ts';
import { isStoredResourceType, STORED_RESOURCE_TYPES, type StoredResourceType } from './resource-types.ts';
import { COLUMN_PARAMS, searchParamsOf, type IndexedParamType } from './search-parameters.ts';

export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';
const PREFIXES: readonly Prefix[] = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'];

export type FilterValue =
  | { kind: 'token'; system: string | undefined; code: string | undefined }
  | { kind: 'string'; value: string }
  | { kind: 'date'; prefix: Prefix; low: string; high: string }
  | { kind: 'reference'; targetType: string | undefined; id: string }
  | {
      kind: 'quantity';
      prefix: Prefix;
      value: number;
      low: number;
      high: number;
      system?: string;
      unit?: string;
    };

export interface SearchFilter {
  readonly code: string;
  readonly paramType: IndexedParamType;
  /** `_id` and `_lastUpdated` are columns, the rest live in index tables. */
  readonly column: boolean;
  readonly modifier: 'exact' | 'contains' | 'missing' | 'not' | 'type' | undefined;
  /** For `:missing`. */
  readonly missing?: boolean;
  /** For reference `:Type` modifiers. */
  readonly modifierType?: string;
  /** Alternatives (a comma-separated list): a match on any one is a match. */
  readonly values: readonly FilterValue[];
}

export interface SortRule {
  readonly code: string;
  readonly paramType: IndexedParamType;
  readonly column: boolean;
  readonly descending: boolean;
}

export interface IncludeRule {
  readonly sourceType: StoredResourceType;
  readonly code: string;
  readonly targetType: string | undefined;
}

export interface SearchRequest {
  readonly resourceType: StoredResourceType;
  readonly filters: readonly SearchFilter[];
  readonly sort: readonly SortRule[];
  readonly count: number;
  readonly offset: number;
  readonly total: 'none' | 'accurate';
  readonly summaryCount: boolean;
  readonly include: readonly IncludeRule[];
  readonly revinclude: readonly IncludeRule[];
}

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 1000;
export const MAX_OFFSET = 10_000;

const RESULT_PARAMS = new Set([
  '_count',
  '_offset',
  '_sort',
  '_total',
  '_include',
  '_revinclude',
  '_summary',
  '_format',
]);

export function parseSearch(
  resourceType: StoredResourceType,
  query: Iterable<[string, string]>,
): SearchRequest {
  const filters: SearchFilter[] = [];
  let sort: SortRule[] = [];
  let count = DEFAULT_COUNT;
  let offset = 0;
  let total: SearchRequest['total'] = 'none';
  let summaryCount = false;
  const include: IncludeRule[] = [];
  const revinclude: IncludeRule[] = [];

  for (const [key, raw] of query) {
    if (key.length > 100 || raw.length > 2000)
      throw badRequest(`Search parameter '${key.slice(0, 100)}' is too long`);
    if (RESULT_PARAMS.has(key)) {
      switch (key) {
        case '_count':
          count = parseIntParam(key, raw, 0, MAX_COUNT);
          break;
        case '_offset':
          offset = parseIntParam(key, raw, 0, MAX_OFFSET);
          break;
        case '_sort':
          sort = raw.split(',').map((s) => parseSort(resourceType, s));
          break;
        case '_total':
          if (raw !== 'none' && raw !== 'accurate' && raw !== 'estimate') {
            throw badRequest(`_total must be none, estimate or accurate, not '${raw}'`, '_total');
          }
          total = raw === 'none' ? 'none' : 'accurate';
          break;
        case '_summary':
          if (raw !== 'count' && raw !== 'false')
            throw badRequest(`_summary supports 'count' and 'false' only`, '_summary');
          summaryCount = raw === 'count';
          break;
        case '_include':
          include.push(parseInclude(raw, key, resourceType));
          break;
        case '_revinclude':
          revinclude.push(parseInclude(raw, key, undefined));
          break;
        case '_format':
          if (!/json/.test(raw)) throw badRequest(`Only JSON is supported, not _format=${raw}`, '_format');
          break;
      }
      continue;
    }
    filters.push(parseFilter(resourceType, key, raw));
  }
  if (summaryCount) total = 'accurate';
  return { resourceType, filters, sort, count, offset, total, summaryCount, include, revinclude };
}

function parseIntParam(key: string, raw: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw badRequest(`${key} must be a whole number from ${min} to ${max}, not '${raw}'`, key);
  }
  return Number(raw);
}

function paramType(
  resourceType: StoredResourceType,
  code: string,
): { type: IndexedParamType; column: boolean } {
  if (Object.hasOwn(COLUMN_PARAMS, code)) {
    return { type: COLUMN_PARAMS[code as keyof typeof COLUMN_PARAMS], column: true };
  }
  const def = searchParamsOf(resourceType).get(code);
  if (!def) throw badRequest(`Unknown search parameter '${code}' for ${resourceType}`, code);
  return { type: def.type, column: false };
}

function parseSort(resourceType: StoredResourceType, raw: string): SortRule {
  const descending = raw.startsWith('-');
  const code = descending ? raw.slice(1) : raw;
  const { type, column } = paramType(resourceType, code);
  if (type === 'reference' || type === 'quantity')
    throw badRequest(`Cannot sort by ${type} parameter '${code}'`, '_sort');
  return { code, paramType: type, column, descending };
}

function parseInclude(raw: string, key: string, expectedSource: StoredResourceType | undefined): IncludeRule {
  const [source, code, targetType, ...rest] = raw.split(':');
  if (!source || !code || rest.length > 0 || !isStoredResourceType(source)) {
    throw badRequest(`${key} must look like Type:parameter[:TargetType], not '${raw}'`, key);
  }
  if (expectedSource && source !== expectedSource) {
    throw badRequest(`${key} must start with the searched type ${expectedSource}`, key);
  }
  const def = searchParamsOf(source).get(code);
  if (!def || def.type !== 'reference')
    throw badRequest(`${source} has no reference parameter '${code}'`, key);
  if (targetType && !STORED_RESOURCE_TYPES.includes(targetType as StoredResourceType)) {
    throw badRequest(`Unknown target type '${targetType}' in ${key}`, key);
  }
  return { sourceType: source, code, targetType };
}

function parseFilter(resourceType: StoredResourceType, key: string, raw: string): SearchFilter {
  const [code = '', modifierText, ...extra] = key.split(':');
  if (extra.length > 0 || code === '') throw badRequest(`Malformed search parameter '${key}'`, key);
  if (code.includes('.')) throw badRequest(`Chained search ('${key}') is not supported`, key);
  const { type, column } = paramType(resourceType, code);
  const base = { code, paramType: type, column };

  if (modifierText === 'missing') {
    if (raw !== 'true' && raw !== 'false') throw badRequest(`${key} must be true or false`, key);
    if (column) throw badRequest(`${code} is never missing`, key);
    return { ...base, modifier: 'missing', missing: raw === 'true', values: [] };
  }
  let modifier: SearchFilter['modifier'];
  let modifierType: string | undefined;
  if (modifierText !== undefined) {
    if ((modifierText === 'exact' || modifierText === 'contains') && type === 'string')
      modifier = modifierText;
    else if (modifierText === 'not' && type === 'token') modifier = 'not';
    else if (type === 'reference' && isStoredResourceType(modifierText)) {
      modifier = 'type';
      modifierType = modifierText;
    } else
      throw badRequest(`Modifier ':${modifierText}' is not supported for ${type} parameter '${code}'`, key);
  }
  if (raw === '') throw badRequest(`Search parameter '${key}' has no value`, key);
  const parts = splitValues(raw);
  if (parts.length === 0) throw badRequest(`Search parameter '${key}' has no value`, key);
  const values = parts.map((v) => parseValue(type, v, key, modifierType));
  return { ...base, modifier, ...(modifierType ? { modifierType } : {}), values };
}

/** Splits on commas not escaped with a backslash, and unescapes `\,`, `\|`, `\$`, `\\`. */
function splitValues(raw: string): string[] {
  return raw
    .split(/(?<!\\),/)
    .map((v) => v.replace(/\\([,|$\\])/g, '$1'))
    .filter((v) => v !== '');
}

function parseValue(type: IndexedParamType, value: string, key: string, modifierType?: string): FilterValue {
  switch (type) {
    case 'token': {
      const bar = value.indexOf('|');
      if (bar < 0) return { kind: 'token', system: undefined, code: value };
      const system = value.slice(0, bar);
      const code = value.slice(bar + 1);
      if (!system && !code) throw badRequest(`Token '${value}' for ${key} needs a system or a code`, key);
      // `|code` means "no system"; `system|` means "any code in system".
      return { kind: 'token', system: system, code: code || undefined };
    }
    case 'string':
      return { kind: 'string', value };
    case 'date': {
      const { prefix, rest } = splitPrefix(value);
      const range = dateRange(rest);
      if (!range)
        throw badRequest(
          `'${value}' is not a FHIR date for ${key} (use e.g. 2024, 2024-05, 2024-05-01)`,
          key,
        );
      return { kind: 'date', prefix, ...range };
    }
    case 'reference': {
      const slash = value.split('/');
      if (slash.length === 2 && isStoredResourceType(slash[0] as string) && slash[1]) {
        if (modifierType && modifierType !== slash[0])
          throw badRequest(`Reference '${value}' contradicts ${key}`, key);
        return { kind: 'reference', targetType: slash[0], id: slash[1] };
      }
      if (slash.length === 1 && /^[A-Za-z0-9\-.]{1,64}$/.test(value)) {
        return { kind: 'reference', targetType: modifierType, id: value };
      }
      throw badRequest(`'${value}' is not a reference for ${key} (use Type/id or id)`, key);
    }
    case 'quantity': {
      const { prefix, rest } = splitPrefix(value);
      const [num = '', system, unit, ...more] = rest.split('|');
      if (more.length > 0 || !/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(num)) {
        throw badRequest(`'${value}' is not a quantity for ${key} (use [prefix]number[|system|code])`, key);
      }
      const n = Number(num);
      // Implicit precision: 5.4 means [5.35, 5.45).
      const decimals = num.split('.')[1]?.replace(/[eE].*/, '').length ?? 0;
      const half = 0.5 * 10 ** -decimals;
      return {
        kind: 'quantity',
        prefix,
        value: n,
        low: n - half,
        high: n + half,
        ...(system ? { system } : {}),
        ...(unit ? { unit } : {}),
      };
    }
  }
}

function splitPrefix(value: string): { prefix: Prefix; rest: string } {
  const head = value.slice(0, 2) as Prefix;
  return PREFIXES.includes(head) && value.length > 2
    ? { prefix: head, rest: value.slice(2) }
    : { prefix: 'eq', rest: value };
}

const DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** The instant range a FHIR date value covers, by its precision, as ISO strings. */
export function dateRange(value: string): { low: string; high: string } | undefined {
  const m = DATE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, , zone] = m;
  const year = Number(y);
  // Year 0 does not exist in the calendar PostgreSQL uses (1 BC is followed by AD 1).
  if (year < 1) return undefined;
  const month = mo ? Number(mo) : undefined;
  const day = d ? Number(d) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > utc(year, month ?? 1, 0).getUTCDate())) return undefined;
  if (h !== undefined) {
    if (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return undefined;
    const instant = new Date(value.length === 16 || !zone ? `${value}${zone ? '' : 'Z'}` : value);
    if (Number.isNaN(instant.getTime()) || instant.getUTCFullYear() < 1) return undefined;
    const precisionMs = s !== undefined ? 1000 : 60_000;
    const low = new Date(Math.floor(instant.getTime() / precisionMs) * precisionMs);
    return { low: low.toISOString(), high: new Date(low.getTime() + precisionMs - 1).toISOString() };
  }
  const low = utc(year, (month ?? 1) - 1, day ?? 1);
  const high =
    day !== undefined
      ? new Date(utc(year, (month ?? 1) - 1, day + 1).getTime() - 1)
      : month !== undefined
        ? new Date(utc(year, month, 1).getTime() - 1)
        : new Date(utc(year + 1, 0, 1).getTime() - 1);
  return { low: low.toISOString(), high: high.toISOString() };
}

/** Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not. */
function utc(year: number, monthIndex: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d;
}

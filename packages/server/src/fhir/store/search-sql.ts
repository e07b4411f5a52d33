/** Builds the SQL for a parsed FHIR search: one predicate per filter over the index tables. */
import { sql, type RawBuilder } from 'kysely';
import {
  MAX_INDEXED_LENGTH,
  normalizeForSearch as normalize,
  type FilterValue,
  type SearchFilter,
  type SearchRequest,
  type SortRule,
} from '@passage/core';

type Sql = RawBuilder<unknown>;

const TABLE = {
  token: 'search_token',
  string: 'search_string',
  date: 'search_date',
  reference: 'search_reference',
  quantity: 'search_quantity',
} as const;

export function filterPredicate(filter: SearchFilter): Sql {
  if (filter.column) return columnPredicate(filter);
  const table = sql.table(TABLE[filter.paramType]);
  const owner = sql`x.type = r.type AND x.id = r.id AND x.code = ${filter.code}`;
  if (filter.modifier === 'missing') {
    return filter.missing
      ? sql`NOT EXISTS (SELECT 1 FROM ${table} x WHERE ${owner})`
      : sql`EXISTS (SELECT 1 FROM ${table} x WHERE ${owner})`;
  }
  const alternatives = sql.join(
    filter.values.map((v) => valuePredicate(filter, v)),
    sql` OR `,
  );
  const exists = sql`EXISTS (SELECT 1 FROM ${table} x WHERE ${owner} AND (${alternatives}))`;
  return filter.modifier === 'not' ? sql`NOT ${exists}` : exists;
}

/** Index rows hold at most MAX_INDEXED_LENGTH characters; compare like with like. */
const clip = (text: string): string => text.slice(0, MAX_INDEXED_LENGTH);

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function valuePredicate(filter: SearchFilter, v: FilterValue): Sql {
  switch (v.kind) {
    case 'token': {
      const parts: Sql[] = [];
      if (v.code !== undefined) parts.push(sql`x.value = ${clip(v.code)}`);
      if (v.system === '') parts.push(sql`x.system IS NULL`);
      else if (v.system !== undefined) parts.push(sql`x.system = ${clip(v.system)}`);
      return sql`(${sql.join(parts, sql` AND `)})`;
    }
    case 'string': {
      if (filter.modifier === 'exact') return sql`x.exact = ${clip(v.value)}`;
      const normalized = escapeLike(clip(normalize(v.value)));
      return filter.modifier === 'contains'
        ? sql`x.value LIKE ${`%${normalized}%`}`
        : sql`x.value LIKE ${`${normalized}%`}`;
    }
    case 'date':
      return rangePredicate(
        sql`x.low`,
        sql`x.high`,
        v.prefix,
        sql`${v.low}::timestamptz`,
        sql`${v.high}::timestamptz`,
      );
    case 'reference': {
      const type = v.targetType ?? filter.modifierType;
      return type ? sql`(x.target_id = ${v.id} AND x.target_type = ${type})` : sql`x.target_id = ${v.id}`;
    }
    case 'quantity': {
      const unit: Sql[] = [];
      if (v.system) unit.push(sql`x.system = ${v.system}`);
      if (v.unit) unit.push(sql`x.unit = ${v.unit}`);
      const range = rangePredicate(
        sql`x.value`,
        sql`x.value`,
        v.prefix,
        sql`${v.low}::numeric`,
        sql`${v.high}::numeric`,
        sql`${v.value}::numeric`,
      );
      return unit.length > 0 ? sql`(${range} AND ${sql.join(unit, sql` AND `)})` : range;
    }
  }
}

/**
 * FHIR prefix semantics over ranges: the resource's [low, high] against the search value's [vLow, vHigh].
 * For quantities `exact` is the number itself (gt/lt compare against it, eq uses implicit precision).
 */
function rangePredicate(low: Sql, high: Sql, prefix: string, vLow: Sql, vHigh: Sql, exact?: Sql): Sql {
  switch (prefix) {
    case 'eq':
      return sql`(${low} >= ${vLow} AND ${high} <= ${vHigh})`;
    case 'ne':
      return sql`NOT (${low} >= ${vLow} AND ${high} <= ${vHigh})`;
    case 'gt':
      return sql`${high} > ${exact ?? vHigh}`;
    case 'lt':
      return sql`${low} < ${exact ?? vLow}`;
    case 'ge':
      return sql`${high} >= ${exact ?? vLow}`;
    case 'le':
      return sql`${low} <= ${exact ?? vHigh}`;
    case 'sa':
      return sql`${low} > ${vHigh}`;
    case 'eb':
      return sql`${high} < ${vLow}`;
    default:
      // ap: overlaps the value widened by 10% of its width (at least the value's own range).
      return sql`(${low} <= ${vHigh} AND ${high} >= ${vLow})`;
  }
}

function columnPredicate(filter: SearchFilter): Sql {
  const alternatives = filter.values.map((v) => {
    if (filter.code === '_id' && v.kind === 'token') return sql`r.id = ${v.code ?? ''}`;
    if (v.kind === 'date') {
      return rangePredicate(
        sql`r.last_updated`,
        sql`r.last_updated`,
        v.prefix,
        sql`${v.low}::timestamptz`,
        sql`${v.high}::timestamptz`,
      );
    }
    return sql`false`;
  });
  const any = sql`(${sql.join(alternatives, sql` OR `)})`;
  return filter.modifier === 'not' ? sql`NOT ${any}` : any;
}

export function orderBy(request: SearchRequest): Sql {
  const rules = request.sort.map(sortExpression);
  rules.push(sql`r.id`);
  return sql.join(rules, sql`, `);
}

function sortExpression(rule: SortRule): Sql {
  const dir = rule.descending ? sql`DESC` : sql`ASC`;
  if (rule.column) return rule.code === '_id' ? sql`r.id ${dir}` : sql`r.last_updated ${dir}`;
  const table = sql.table(TABLE[rule.paramType]);
  const column =
    rule.paramType === 'date'
      ? rule.descending
        ? sql`max(x.high)`
        : sql`min(x.low)`
      : rule.descending
        ? sql`max(x.value)`
        : sql`min(x.value)`;
  return sql`(SELECT ${column} FROM ${table} x WHERE x.type = r.type AND x.id = r.id AND x.code = ${rule.code}) ${dir} NULLS LAST`;
}

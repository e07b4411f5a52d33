/**
 * The ceiling: the same reads, searches and writes as bare SQL on the same database, at the same
 * concurrency, with no HTTP, no framework and no server logic. PostgreSQL through a `pg` pool of the
 * server's size; PGlite through a PGlite instance opened directly on the server's data directory
 * (the server is stopped meanwhile: PGlite is single-process).
 */
import { createHash, randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { runLoad, weightedPicker, type LoadResult, type Operation } from './load.ts';
import { createRandom } from './population.ts';
import { MIX, searchPath, searchSql, type SearchQuery } from './workload.ts';

type Row = Record<string, unknown>;
type Query = (text: string, values: unknown[]) => Promise<{ rows: Row[] }>;

export interface SqlClient {
  query: Query;
  /** Runs `fn` in one transaction on one connection. */
  transaction(fn: (query: Query) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export function pgClient(url: string, poolSize: number): SqlClient {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    statement_timeout: 60_000,
  });
  pool.on('error', () => undefined);
  return {
    query: async (text, values) => pool.query(text, values),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await fn(async (text, values) => client.query(text, values));
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export async function pgliteClient(dataDir: string): Promise<SqlClient> {
  const lite = new PGlite(dataDir);
  await lite.waitReady;
  return {
    query: async (text, values) => lite.query<Row>(text, values),
    async transaction(fn) {
      await lite.transaction(async (tx) => {
        await fn(async (text, values) => tx.query<Row>(text, values));
      });
    },
    close: () => lite.close(),
  };
}

/** A multi-row INSERT with every value a parameter, as Kysely writes it. */
function insert(
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  suffix = '',
): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples = rows.map((r) => `(${r.map((v) => `$${values.push(v)}`).join(', ')})`);
  return {
    text: `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}${suffix}`,
    values,
  };
}

const AUDIT_COLUMNS = [
  'id',
  'recorded',
  'user_id',
  'username',
  'role',
  'site',
  'action',
  'subtype',
  'entity_type',
  'entity_id',
  'patient_id',
  'outcome',
  'purpose',
  'detail',
  'source_ip',
  'content_hash',
] as const;

export interface Actor {
  userId: string;
  username: string;
  site: string;
}

function auditInsert(
  actor: Actor,
  action: string,
  subtype: string,
  entityId: string | null,
  patientId: string | null,
  detail: string | null,
) {
  const id = randomUUID();
  const recorded = new Date().toISOString();
  const row = [
    id,
    recorded,
    actor.userId,
    actor.username,
    'clinician',
    actor.site,
    action,
    subtype,
    'Patient',
    entityId,
    patientId,
    'success',
    'TREAT',
    detail,
    '127.0.0.1',
  ];
  return insert('audit_event', AUDIT_COLUMNS, [
    [...row, createHash('sha256').update(JSON.stringify(row)).digest('hex')],
  ]);
}

/** One stored patient, as rows to copy under a new id. */
interface Template {
  content: Row;
  token: unknown[][];
  string: unknown[][];
  date: unknown[][];
  reference: unknown[][];
  site: string;
}

const INDEX_COLUMNS = {
  token: ['code', 'system', 'value'],
  string: ['code', 'value', 'exact'],
  date: ['code', 'low', 'high'],
  reference: ['code', 'target_type', 'target_id'],
} as const;

/** Index rows of patients the API stored: a bare-SQL create writes exactly these, under a new id. */
export async function loadTemplates(
  client: SqlClient,
  ids: readonly string[],
  site: string,
): Promise<Template[]> {
  const out: Template[] = [];
  for (const id of ids) {
    const resource = await client.query(
      `SELECT content FROM fhir_resource WHERE type = 'Patient' AND id = $1`,
      [id],
    );
    const content = resource.rows[0]?.content as Row | undefined;
    if (!content) continue;
    const rows = async (table: keyof typeof INDEX_COLUMNS) => {
      const cols = INDEX_COLUMNS[table];
      const r = await client.query(
        `SELECT ${cols.join(', ')} FROM search_${table} WHERE type = 'Patient' AND id = $1`,
        [id],
      );
      return r.rows.map((row) =>
        cols.map((c) => (row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c])),
      );
    };
    out.push({
      content,
      token: await rows('token'),
      string: await rows('string'),
      date: await rows('date'),
      reference: await rows('reference'),
      site,
    });
  }
  if (out.length === 0) throw new Error('no stored patients to copy for the write ceiling');
  return out;
}

/** The statements of one Patient create (server fhir/store/write.ts persistPlans + recordAudit), in one transaction. */
async function createLikeTheServer(client: SqlClient, template: Template, actor: Actor): Promise<void> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const content = JSON.stringify({ ...template.content, id, meta: { versionId: '1', lastUpdated: now } });
  const statements = [
    insert(
      'fhir_resource',
      ['type', 'id', 'version', 'last_updated', 'deleted', 'patient_id', 'content'],
      [['Patient', id, 1, now, false, id, content]],
      ' on conflict ("type", "id") do update set "version" = "excluded"."version", "last_updated" = "excluded"."last_updated", "deleted" = "excluded"."deleted", "patient_id" = "excluded"."patient_id", "content" = "excluded"."content"',
    ),
    insert(
      'fhir_history',
      ['type', 'id', 'version', 'last_updated', 'deleted', 'content'],
      [['Patient', id, 1, now, false, content]],
    ),
  ];
  for (const table of ['token', 'string', 'date', 'reference'] as const) {
    const rows = template[table];
    if (rows.length > 0)
      statements.push(
        insert(
          `search_${table}`,
          ['type', 'id', ...INDEX_COLUMNS[table]],
          rows.map((r) => ['Patient', id, ...r]),
        ),
      );
  }
  statements.push(
    insert(
      'patient_access',
      ['patient_id', 'org_id', 'reason'],
      [[id, template.site, 'registered']],
      ' on conflict do nothing',
    ),
  );
  statements.push(auditInsert(actor, 'C', 'create', id, id, null));
  await client.transaction(async (query) => {
    for (const s of statements) await query(s.text, s.values);
  });
}

function scopedRead(id: string, orgs: readonly string[]): { text: string; values: unknown[] } {
  const values: unknown[] = ['Patient', id, ...orgs];
  const inList = orgs.map((_, i) => `$${i + 3}`).join(', ');
  return {
    text: `select "r"."content", "r"."deleted", "r"."patient_id" from "fhir_resource" as "r" where "r"."type" = $1 and "r"."id" = $2 and "r"."patient_id" IN (SELECT pa.patient_id FROM patient_access pa WHERE pa.org_id IN (${inList}))`,
    values,
  };
}

export interface CeilingInput {
  client: SqlClient;
  readIds: readonly string[];
  searches: readonly SearchQuery[];
  templates: readonly Template[];
  orgs: readonly string[];
  actor: Actor;
  seed: number;
}

/**
 * Operations by name. `read`, `search`, `create` are the bare ceiling the brief defines; the `…+audit`
 * variants add what the API also does (the access filter on reads, the audit row of every read and
 * search), to show how much of the gap is inherent in the work rather than in the server.
 */
export function ceilingOperations(input: CeilingInput) {
  const { client, readIds, searches, templates, orgs, actor } = input;
  const random = createRandom(input.seed);
  const read = (): Operation => {
    const id = random.pick(readIds);
    return {
      kind: 'read',
      run: async () =>
        (await client.query(`SELECT content FROM fhir_resource WHERE type = 'Patient' AND id = $1`, [id]))
          .rows.length
          ? 200
          : 404,
    };
  };
  const search = (): Operation => {
    const q = random.pick(searches);
    const s = searchSql(q, orgs);
    return { kind: 'search', run: async () => (await client.query(s.text, s.values), 200) };
  };
  const create = (): Operation => {
    const t = random.pick(templates);
    return { kind: 'create', run: async () => (await createLikeTheServer(client, t, actor), 201) };
  };
  const readAudited = (): Operation => {
    const id = random.pick(readIds);
    const s = scopedRead(id, orgs);
    return {
      kind: 'read',
      run: async () => {
        const found = (await client.query(s.text, s.values)).rows[0];
        if (!found) return 404;
        const a = auditInsert(actor, 'R', 'read', id, id, null);
        await client.query(a.text, a.values);
        return 200;
      },
    };
  };
  const searchAudited = (): Operation => {
    const q = random.pick(searches);
    const s = searchSql(q, orgs);
    return {
      kind: 'search',
      run: async () => {
        const rows = (await client.query(s.text, s.values)).rows.slice(0, 20);
        const ids = rows.map((r) => `Patient/${String((r.content as Row).id)}`);
        const detail = `${searchPath(q)} → ${ids.length} result(s)${ids.length ? `: ${ids.join(' ')}` : ''}`;
        const a = auditInsert(
          actor,
          'E',
          'search',
          null,
          ids.length === 1 ? (ids[0]?.slice(8) ?? null) : null,
          detail,
        );
        await client.query(a.text, a.values);
        return 200;
      },
    };
  };
  const pick = weightedPicker(MIX, random.next);
  const byKind = { read, search, create };
  return {
    read,
    search,
    create,
    mix: () => byKind[pick()](),
    'read+audit': readAudited,
    'search+audit': searchAudited,
  };
}

export type CeilingName = keyof ReturnType<typeof ceilingOperations>;

export function runCeiling(
  ops: ReturnType<typeof ceilingOperations>,
  name: CeilingName,
  options: { concurrency: number; warmupMs: number; durationMs: number; maxOps: number },
  onWindow?: (edge: 'start' | 'end') => void,
): Promise<LoadResult> {
  return runLoad({ ...options, next: ops[name], ...(onWindow ? { onWindow } : {}) });
}

/** Ids of the first page of a search, by bare SQL, to check that the ceiling asks what the API asks. */
export async function searchIds(
  client: SqlClient,
  q: SearchQuery,
  orgs: readonly string[],
): Promise<string[]> {
  const s = searchSql(q, orgs);
  const rows = (await client.query(s.text, s.values)).rows.slice(0, 20);
  return rows.map((r) => String((r.content as Row).id));
}

/**
 * Removes the patients the ceiling's write phases added (every Patient not in `keep`, with its history,
 * index and access rows) and the audit rows it wrote (never sealed: the server was stopped and sealed
 * everything on close), then vacuums and analyses.
 */
export async function resetToBaseline(
  client: SqlClient,
  keep: readonly string[],
): Promise<{ patients: number; auditEvents: number }> {
  const baseline = new Set(keep);
  const all = await client.query(`SELECT id FROM fhir_resource WHERE type = 'Patient'`, []);
  const extra = all.rows.map((r) => String(r.id)).filter((id) => !baseline.has(id));
  let auditEvents = 0;
  await client.transaction(async (query) => {
    for (let i = 0; i < extra.length; i += 1000) {
      const ids = extra.slice(i, i + 1000);
      for (const table of [
        'search_token',
        'search_string',
        'search_date',
        'search_reference',
        'search_quantity',
        'fhir_history',
        'fhir_resource',
      ]) {
        await query(`DELETE FROM ${table} WHERE type = 'Patient' AND id = ANY($1::text[])`, [ids]);
      }
      await query(`DELETE FROM patient_access WHERE patient_id = ANY($1::text[])`, [ids]);
    }
    const audit = await query(`DELETE FROM audit_event WHERE chain_pos IS NULL RETURNING seq`, []);
    auditEvents = audit.rows.length;
  });
  await client.query('VACUUM ANALYZE', []);
  return { patients: extra.length, auditEvents };
}

export async function databaseVersion(client: SqlClient): Promise<string> {
  const r = await client.query('SELECT version() AS v', []);
  return String(r.rows[0]?.v ?? 'unknown');
}

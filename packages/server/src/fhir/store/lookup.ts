/** Finds people and their access organisations during a write, with a cache for Bundles. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PatientLookup } from './write.ts';

export class CachedPatientLookup implements PatientLookup {
  private readonly orgs = new Map<string, readonly string[] | undefined>();
  /** Resources planned earlier in the same write, not yet in the database (a Provenance's targets). */
  private readonly planned = new Map<string, string | null>();

  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /** Loads many people at once, so a Bundle costs one query instead of one per entry. */
  async prefetch(patientIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(patientIds)].filter((id) => !this.orgs.has(id));
    for (let i = 0; i < ids.length; i += 1000) {
      const part = ids.slice(i, i + 1000);
      const rows = await this.db
        .selectFrom('fhir_resource as r')
        .leftJoin('patient_access as pa', 'pa.patient_id', 'r.id')
        .select(['r.id', 'pa.org_id'])
        .where('r.type', '=', 'Patient')
        .where('r.deleted', '=', false)
        .where('r.id', 'in', part)
        .execute();
      for (const id of part) this.orgs.set(id, undefined);
      for (const row of rows) {
        const list = (this.orgs.get(row.id) ?? []) as string[];
        this.orgs.set(row.id, row.org_id ? [...list, row.org_id] : list);
      }
    }
  }

  async orgsOf(patientId: string): Promise<readonly string[] | undefined> {
    if (!this.orgs.has(patientId)) await this.prefetch([patientId]);
    return this.orgs.get(patientId);
  }

  /** Records a resource planned in this write, so later entries can refer to it. */
  remember(type: string, id: string, patientId: string | null): void {
    this.planned.set(`${type}/${id}`, patientId);
  }

  async patientOf(type: string, id: string): Promise<string | null | undefined> {
    const planned = this.planned.get(`${type}/${id}`);
    if (planned !== undefined) return planned;
    const row = await this.db
      .selectFrom('fhir_resource')
      .select('patient_id')
      .where('type', '=', type)
      .where('id', '=', id)
      .where('deleted', '=', false)
      .executeTakeFirst();
    return row ? row.patient_id : undefined;
  }
}

/**
 * /api/indicators: de-identified counts for public-health officers, researchers and coordinators.
 * Cells under the suppression threshold are withheld so that no aggregate reveals a person.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { IndicatorSummarySchema } from '@passage/core';
import { orgsWith, requirePermission } from '../access/access-context.ts';
import { loadOrgTree } from '../access/org-tree.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Db } from '../db/database.ts';
import { accessOf } from '../platform/request-context.ts';

/** Cells with fewer people than this are suppressed (a common small-cell rule in health statistics). */
export const SUPPRESS_BELOW = 5;

export async function indicatorRoutes(
  app: FastifyInstance,
  deps: { db: Db; authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void> },
): Promise<void> {
  app.addHook('onRequest', deps.authenticate);

  app.get(
    '/summary',
    {
      schema: {
        tags: ['indicators'],
        summary: 'People registered by site, sex and age group',
        response: { 200: IndicatorSummarySchema },
      },
    },
    async (request) => {
      const ctx = accessOf(request);
      requirePermission(ctx, 'aggregates.read');
      const orgs = orgsWith(ctx, 'aggregates.read');
      const rows = await sql<{ site: string; sex: string; age_group: string; n: number }>`
      SELECT pa.org_id AS site,
             coalesce(r.content->>'gender', 'unknown') AS sex,
             CASE WHEN r.content->>'birthDate' IS NULL THEN 'unknown'
                  WHEN age(to_date(left(r.content->>'birthDate', 4), 'YYYY')) < interval '5 years' THEN '0-4'
                  WHEN age(to_date(left(r.content->>'birthDate', 4), 'YYYY')) < interval '18 years' THEN '5-17'
                  WHEN age(to_date(left(r.content->>'birthDate', 4), 'YYYY')) < interval '60 years' THEN '18-59'
                  ELSE '60+' END AS age_group,
             count(*)::int AS n
      FROM fhir_resource r JOIN patient_access pa ON pa.patient_id = r.id AND pa.reason = 'registered'
      WHERE r.type = 'Patient' AND NOT r.deleted AND pa.org_id IN (${sql.join(orgs)})
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(deps.db);
      const tree = await loadOrgTree(deps.db);
      await recordAudit(deps.db, ctx, [
        {
          action: 'E',
          subtype: 'aggregate-read',
          entityType: 'Indicator',
          entityId: 'summary',
          outcome: 'success',
          permission: 'aggregates.read',
        },
      ]);
      return {
        generatedAt: new Date().toISOString(),
        suppressedBelow: SUPPRESS_BELOW,
        rows: rows.rows.map((r) => ({
          site: tree.get(r.site)?.name ?? r.site,
          sex: r.sex,
          ageGroup: r.age_group,
          count: Number(r.n) < SUPPRESS_BELOW ? null : Number(r.n),
        })),
      };
    },
  );
}

/** /api/admin: users, roles and sites, and the audit trail — for the admin role only. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AuditRowSchema,
  AuditVerificationSchema,
  OrganizationNodeSchema,
  POLICY,
  RoleAssignmentSchema,
  ROLES,
  TotpSetupSchema,
  UserSchema,
} from '@passage/core';
import { requirePermission } from '../access/access-context.ts';
import { loadOrgTree } from '../access/org-tree.ts';
import type { AuditAction, AuditRow } from '../audit/audit-log.ts';
import { recordAuditSearch } from '../audit/audit-fhir.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import type { SessionStore } from '../auth/sessions.ts';
import type { UserService } from '../auth/users.ts';
import type { Db } from '../db/database.ts';
import { accessOf } from '../platform/request-context.ts';

export interface AdminRouteDeps {
  db: Db;
  users: UserService;
  sessions: SessionStore;
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

const RoleAssignment = RoleAssignmentSchema;
const IdParams = z.object({ id: z.string().uuid('a user id') });
/** An ISO date or date-time from year 1 on (PostgreSQL has no year 0). */
const AuditDate = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .refine((v) => !v.startsWith('0000'), 'dates start at year 0001');
const AuditQuery = z.object({
  username: z.string().max(64).optional(),
  action: z.enum(['C', 'R', 'U', 'D', 'E']).optional(),
  entityType: z.string().max(64).optional(),
  patientId: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: AuditDate.optional(),
  to: AuditDate.optional(),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'a cursor from a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export async function adminRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.addHook('onRequest', deps.authenticate);
  // Permission before validation: a caller without the right learns nothing about the schema.
  r.addHook('onRequest', async (request) => {
    const ctx = accessOf(request);
    requirePermission(ctx, request.url.startsWith('/api/admin/audit') ? 'audit.read' : 'users.manage');
  });

  r.get('/roles', { schema: { tags: ['admin'], summary: 'The role policy table' } }, async () => ({
    roles: ROLES.map((role) => ({ role, ...POLICY[role] })),
  }));

  r.get(
    '/organizations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Organisations in their hierarchy',
        response: { 200: z.object({ organizations: z.array(OrganizationNodeSchema) }) },
      },
    },
    async () => ({
      organizations: (await loadOrgTree(deps.db)).all(),
    }),
  );

  r.get(
    '/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Find users',
        querystring: z.object({ query: z.string().max(100).optional() }),
        response: { 200: z.object({ users: z.array(UserSchema) }) },
      },
    },
    async (request) => ({
      users: await deps.users.list(request.query.query),
    }),
  );

  r.post(
    '/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a user',
        body: z.object({
          username: z.string().min(2).max(64),
          displayName: z.string().min(1).max(200),
          password: z.string().min(1).max(256),
          roles: z.array(RoleAssignment).max(50),
        }),
        response: { 201: UserSchema.extend({ totpSetup: TotpSetupSchema.nullable() }) },
      },
    },
    async (request, reply) => {
      const created = await deps.users.create(accessOf(request), request.body);
      return reply.status(201).send({ ...created.user, totpSetup: created.totpSetup });
    },
  );

  r.patch(
    '/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a user: display name, roles, disabled',
        params: IdParams,
        body: z.object({
          displayName: z.string().min(1).max(200).optional(),
          disabled: z.boolean().optional(),
          roles: z.array(RoleAssignment).max(50).optional(),
        }),
        response: { 200: UserSchema },
      },
    },
    async (request) => {
      const user = await deps.users.update(accessOf(request), request.params.id, request.body);
      await deps.sessions.forgetUser(request.params.id, request.body.disabled === true);
      return user;
    },
  );

  r.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags: ['admin'],
        summary: 'Set a new password, to be changed at next sign-in',
        params: IdParams,
        body: z.object({ password: z.string().min(1).max(256) }),
      },
    },
    async (request, reply) => {
      await deps.users.resetPassword(accessOf(request), request.params.id, request.body.password);
      await deps.sessions.forgetUser(request.params.id, true);
      return reply.status(204).send();
    },
  );

  r.post(
    '/users/:id/reset-totp',
    {
      schema: {
        tags: ['admin'],
        summary: 'Issue a new second-factor secret',
        params: IdParams,
        response: { 200: TotpSetupSchema },
      },
    },
    async (request) => deps.users.resetTotp(accessOf(request), request.params.id),
  );

  r.get(
    '/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Search the audit trail, newest first',
        querystring: AuditQuery,
        response: { 200: z.object({ events: z.array(AuditRowSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const f = request.query;
      let q = deps.db.selectFrom('audit_event').selectAll();
      if (f.username) q = q.where('username', '=', f.username);
      if (f.action) q = q.where('action', '=', f.action);
      if (f.entityType) q = q.where('entity_type', '=', f.entityType);
      if (f.patientId) q = q.where('patient_id', '=', f.patientId);
      if (f.outcome) q = q.where('outcome', '=', f.outcome);
      if (f.from) q = q.where('recorded', '>=', new Date(f.from));
      if (f.to) q = q.where('recorded', '<=', new Date(f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to));
      if (f.cursor) q = q.where('seq', '<', f.cursor);
      const rows = (await q
        .orderBy('seq', 'desc')
        .limit(f.limit + 1)
        .execute()) as unknown as (AuditRow & { seq: number })[];
      const page = rows.slice(0, f.limit);
      await recordAuditSearch(deps.db, accessOf(request), request.url);
      return {
        events: page.map((e) => ({
          id: e.id,
          recorded: new Date(e.recorded).toISOString(),
          username: e.username,
          role: e.role,
          site: e.site,
          action: e.action as AuditAction,
          subtype: e.subtype,
          entityType: e.entity_type,
          entityId: e.entity_id,
          patientId: e.patient_id,
          outcome: e.outcome as 'success' | 'failure',
          purpose: e.purpose,
          detail: e.detail,
        })),
        nextCursor: rows.length > f.limit ? String(page.at(-1)?.seq) : null,
      };
    },
  );

  r.post(
    '/audit/verify',
    {
      schema: {
        tags: ['admin'],
        summary: 'Verify the audit hash chain',
        response: { 200: AuditVerificationSchema },
      },
    },
    async () => verifyAuditChain(deps.db),
  );
}

/**
 * The shapes Passage's own API (/api) answers with: one Zod schema each, from which the server's
 * response validation and OpenAPI documentation and the web app's types all derive.
 */
import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../access/policy.ts';

export const RoleAssignmentSchema = z.object({
  role: z.enum(ROLES),
  organizationId: z.string().min(1).max(64),
});

export const UserRoleSchema = RoleAssignmentSchema.extend({ organizationName: z.string() });

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(UserRoleSchema),
  permissions: z.array(z.enum(PERMISSIONS)),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof MeSchema>;

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(UserRoleSchema),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const TotpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export type TotpSetup = z.infer<typeof TotpSetupSchema>;

export const OrganizationNodeSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.string(),
  name: z.string(),
});
export type OrganizationNode = z.infer<typeof OrganizationNodeSchema>;

export const AuditRowSchema = z.object({
  id: z.string(),
  recorded: z.string(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  site: z.string().nullable(),
  action: z.enum(['C', 'R', 'U', 'D', 'E']),
  subtype: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  patientId: z.string().nullable(),
  outcome: z.enum(['success', 'failure']),
  purpose: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRowSchema>;

export const AuditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBrokenId: z.string().nullable(),
  problem: z.string().nullable(),
});

export const IndicatorSummarySchema = z.object({
  generatedAt: z.string(),
  suppressedBelow: z.number(),
  rows: z.array(
    z.object({ site: z.string(), sex: z.string(), ageGroup: z.string(), count: z.number().nullable() }),
  ),
});
export type IndicatorSummary = z.infer<typeof IndicatorSummarySchema>;

/** The error body of every /api route. */
export const ApiErrorSchema = z.object({
  statusCode: z.number(),
  code: z.string(),
  error: z.string(),
  message: z.string(),
});

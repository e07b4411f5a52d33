/** Users, their roles at organisations, and sign-in with lockout and a second factor. */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  conflict,
  isRole,
  notFound,
  PassageError,
  POLICY,
  permissionsOf,
  type Me,
  type User,
  type RoleAssignment,
} from '@passage/core';
import type { AccessContext } from '../access/access-context.ts';
import { loadOrgTree } from '../access/org-tree.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Db } from '../db/database.ts';
import { burnPasswordCheck, checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { checkTotp, newTotpSecret, totpUri } from './totp.ts';

export type UserView = User;

export interface LoginPolicy {
  lockoutThreshold: number;
  lockoutMinutes: number;
}

const authError = (status: number, code: string, message: string) => new PassageError(status, code, message);

/** The person signing in, named in the audit trail before they hold a session. */
function signInActor(userId: string | null, username: string): AccessContext {
  return {
    userId: userId ?? '',
    username: username.slice(0, 64),
    assignments: [],
    orgsByPermission: new Map(),
    ownPatientId: null,
  };
}

/** Sets a user's roles to exactly these. */
async function replaceRoles(tx: Db, userId: string, roles: readonly RoleAssignment[]): Promise<void> {
  await tx.deleteFrom('user_role').where('user_id', '=', userId).execute();
  if (roles.length === 0) return;
  await tx
    .insertInto('user_role')
    .values(roles.map((r) => ({ user_id: userId, role: r.role, org_id: r.organizationId })))
    .execute();
}

export function requiresTotp(roles: readonly RoleAssignment[]): boolean {
  return roles.some((r) => POLICY[r.role].totpRequired);
}

export class UserService {
  private readonly db: Db;
  private readonly policy: LoginPolicy;

  constructor(db: Db, policy: LoginPolicy) {
    this.db = db;
    this.policy = policy;
  }

  async rolesOf(userIds: readonly string[]): Promise<Map<string, UserView['roles']>> {
    const map = new Map<string, UserView['roles']>();
    if (userIds.length === 0) return map;
    const [rows, tree] = await Promise.all([
      this.db
        .selectFrom('user_role')
        .select(['user_id', 'role', 'org_id'])
        .where('user_id', 'in', userIds)
        .orderBy('role')
        .execute(),
      loadOrgTree(this.db),
    ]);
    for (const r of rows) {
      if (!isRole(r.role)) continue;
      const list = map.get(r.user_id) ?? [];
      list.push({
        role: r.role,
        organizationId: r.org_id,
        organizationName: tree.get(r.org_id)?.name ?? r.org_id,
      });
      map.set(r.user_id, list);
    }
    return map;
  }

  async list(query?: string, id?: string): Promise<UserView[]> {
    let q = this.db.selectFrom('app_user').selectAll().orderBy('username').limit(500);
    if (id !== undefined) q = q.where('id', '=', id);
    if (query) {
      const like = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([eb(sql`lower(username)`, 'like', like), eb(sql`lower(display_name)`, 'like', like)]),
      );
    }
    const users = await q.execute();
    const roles = await this.rolesOf(users.map((u) => u.id));
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      disabled: u.disabled,
      locked: u.locked_until !== null && new Date(u.locked_until).getTime() > Date.now(),
      totpEnabled: u.totp_enabled,
      mustChangePassword: u.must_change_password,
      roles: roles.get(u.id) ?? [],
      createdAt: new Date(u.created_at).toISOString(),
      lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
    }));
  }

  async get(id: string): Promise<UserView> {
    // One row by key: a search over the first 500 users would miss everyone after them.
    const [user] = await this.list(undefined, id);
    if (!user) throw notFound(`User ${id} was not found`);
    return user;
  }

  async me(userId: string): Promise<Me> {
    const u = await this.get(userId);
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      permissions: permissionsOf(u.roles),
      totpEnabled: u.totpEnabled,
      mustChangePassword: u.mustChangePassword,
    };
  }

  private async checkRoles(roles: readonly RoleAssignment[]): Promise<void> {
    const tree = await loadOrgTree(this.db);
    for (const r of roles) {
      if (!isRole(r.role)) throw new PassageError(400, 'bad_request', `Unknown role '${r.role}'`);
      if (!tree.get(r.organizationId))
        throw new PassageError(400, 'bad_request', `Unknown organisation '${r.organizationId}'`);
    }
  }

  /** Creates a user. A role that requires a second factor gets a TOTP secret, returned once. */
  async create(
    actor: AccessContext | null,
    input: {
      username: string;
      displayName: string;
      password: string;
      roles: RoleAssignment[];
      patientId?: string | null;
      totpSecret?: string;
    },
  ): Promise<{ user: UserView; totpSetup: { secret: string; otpauthUrl: string } | null }> {
    if (!/^[a-zA-Z0-9._@-]{2,64}$/.test(input.username)) {
      throw new PassageError(
        400,
        'bad_request',
        'The username needs 2–64 letters, digits, dots, dashes, underscores or @',
      );
    }
    checkPasswordStrength(input.password, input.username);
    await this.checkRoles(input.roles);
    const id = randomUUID();
    const secret = input.totpSecret ?? (requiresTotp(input.roles) ? newTotpSecret() : null);
    await this.db.transaction().execute(async (tx) => {
      const taken = await tx
        .selectFrom('app_user')
        .select('id')
        .where(sql`lower(username)`, '=', input.username.toLowerCase())
        .executeTakeFirst();
      if (taken) throw conflict('username_taken', `The username '${input.username}' is taken`);
      await tx
        .insertInto('app_user')
        .values({
          id,
          username: input.username,
          display_name: input.displayName,
          password_hash: await hashPassword(input.password),
          totp_secret: secret,
          totp_enabled: secret !== null,
          patient_id: input.patientId ?? null,
          totp_last_step: null,
          locked_until: null,
          last_login_at: null,
        })
        .execute();
      await replaceRoles(tx, id, input.roles);
      await recordAudit(tx, actor, [
        {
          action: 'C',
          subtype: 'user-create',
          entityType: 'User',
          entityId: id,
          outcome: 'success',
          permission: 'users.manage',
          detail: `${input.username}: ${input.roles.map((r) => `${r.role}@${r.organizationId}`).join(', ')}`,
        },
      ]);
    });
    return {
      user: await this.get(id),
      totpSetup: secret ? { secret, otpauthUrl: totpUri(secret, input.username) } : null,
    };
  }

  async update(
    actor: AccessContext,
    id: string,
    input: { displayName?: string; disabled?: boolean; roles?: RoleAssignment[] },
  ): Promise<UserView> {
    if (input.roles) await this.checkRoles(input.roles);
    await this.db.transaction().execute(async (tx) => {
      const user = await tx
        .selectFrom('app_user')
        .select('id')
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!user) throw notFound(`User ${id} was not found`);
      if (id === actor.userId && input.disabled)
        throw new PassageError(400, 'bad_request', 'You cannot disable your own account');
      if (input.displayName !== undefined || input.disabled !== undefined) {
        await tx
          .updateTable('app_user')
          .set({
            ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
            ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
          })
          .where('id', '=', id)
          .execute();
      }
      if (input.roles) await replaceRoles(tx, id, input.roles);
      await recordAudit(tx, actor, [
        {
          action: 'U',
          subtype: 'user-update',
          entityType: 'User',
          entityId: id,
          outcome: 'success',
          permission: 'users.manage',
          detail: JSON.stringify(input),
        },
      ]);
    });
    return this.get(id);
  }

  async resetPassword(actor: AccessContext, id: string, password: string): Promise<void> {
    const user = await this.get(id);
    checkPasswordStrength(password, user.username);
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('app_user')
        .set({
          password_hash: await hashPassword(password),
          must_change_password: true,
          failed_attempts: 0,
          locked_until: null,
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(tx, actor, [
        {
          action: 'U',
          subtype: 'password-reset',
          entityType: 'User',
          entityId: id,
          outcome: 'success',
          permission: 'users.manage',
        },
      ]);
    });
  }

  /** Issues a new TOTP secret (the old one stops working) and returns it for the user to enrol. */
  async resetTotp(actor: AccessContext | null, id: string): Promise<{ secret: string; otpauthUrl: string }> {
    const user = await this.get(id);
    const secret = newTotpSecret();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('app_user')
        .set({ totp_secret: secret, totp_enabled: true, totp_last_step: null })
        .where('id', '=', id)
        .execute();
      await recordAudit(tx, actor, [
        {
          action: 'U',
          subtype: 'totp-reset',
          entityType: 'User',
          entityId: id,
          outcome: 'success',
          permission: 'users.manage',
        },
      ]);
    });
    return { secret, otpauthUrl: totpUri(secret, user.username) };
  }

  /**
   * Checks credentials. Failed attempts count towards a lockout; a locked account is refused even
   * with the right password, so guessing cannot continue through the lock.
   */
  async authenticate(
    input: { username: string; password: string; totp?: string | undefined },
    sourceIp: string,
  ): Promise<{ userId: string }> {
    const user = await this.db
      .selectFrom('app_user')
      .selectAll()
      .where(sql`lower(username)`, '=', input.username.toLowerCase())
      .executeTakeFirst();
    const fail = async (
      code: string,
      status: number,
      message: string,
      countsAsFailure: boolean,
      userId?: string,
    ) => {
      await this.db.transaction().execute(async (tx) => {
        if (user && countsAsFailure) {
          const attempts = user.failed_attempts + 1;
          const lock = attempts >= this.policy.lockoutThreshold;
          await tx
            .updateTable('app_user')
            .set({
              failed_attempts: lock ? 0 : attempts,
              ...(lock ? { locked_until: new Date(Date.now() + this.policy.lockoutMinutes * 60_000) } : {}),
            })
            .where('id', '=', user.id)
            .execute();
        }
        await recordAudit(
          tx,
          signInActor(userId ?? null, input.username),
          [
            {
              action: 'E',
              subtype: 'login',
              entityType: 'User',
              entityId: userId ?? null,
              outcome: 'failure',
              detail: code,
            },
          ],
          sourceIp,
        );
      });
      return authError(status, code, message);
    };
    if (!user) {
      await burnPasswordCheck(input.password);
      throw await fail('invalid_credentials', 401, 'The username or password is wrong', false);
    }
    if (user.locked_until && new Date(user.locked_until).getTime() > Date.now()) {
      throw await fail(
        'account_locked',
        423,
        `Too many failed attempts: the account is locked until ${new Date(user.locked_until).toISOString()}`,
        false,
        user.id,
      );
    }
    if (!(await verifyPassword(user.password_hash, input.password))) {
      throw await fail('invalid_credentials', 401, 'The username or password is wrong', true, user.id);
    }
    if (user.disabled) throw await fail('account_disabled', 403, 'This account is disabled', false, user.id);
    const roles = (await this.rolesOf([user.id])).get(user.id) ?? [];
    if (user.totp_enabled && user.totp_secret) {
      if (!input.totp)
        throw authError(401, 'totp_required', 'Enter the one-time code from your authenticator app');
      const step = checkTotp(user.totp_secret, input.totp);
      if (step === null || (user.totp_last_step !== null && step <= Number(user.totp_last_step))) {
        throw await fail(
          'totp_invalid',
          401,
          'The one-time code is wrong or was already used',
          true,
          user.id,
        );
      }
      await this.db.updateTable('app_user').set({ totp_last_step: step }).where('id', '=', user.id).execute();
    } else if (requiresTotp(roles)) {
      throw await fail(
        'totp_setup_required',
        403,
        'Your role requires a second factor: ask an administrator to reset it and enrol',
        false,
        user.id,
      );
    }
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('app_user')
        .set({ failed_attempts: 0, locked_until: null, last_login_at: new Date() })
        .where('id', '=', user.id)
        .execute();
      await recordAudit(
        tx,
        signInActor(user.id, user.username),
        [{ action: 'E', subtype: 'login', entityType: 'User', entityId: user.id, outcome: 'success' }],
        sourceIp,
      );
    });
    return { userId: user.id };
  }

  async changePassword(ctx: AccessContext, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', ctx.userId)
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      throw new PassageError(400, 'invalid_credentials', 'The current password is wrong', [
        { message: 'wrong password', expression: 'currentPassword' },
      ]);
    }
    checkPasswordStrength(newPassword, user.username);
    if (newPassword === currentPassword)
      throw new PassageError(400, 'weak_password', 'Choose a password different from the current one');
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('app_user')
        .set({ password_hash: await hashPassword(newPassword), must_change_password: false })
        .where('id', '=', ctx.userId)
        .execute();
      await recordAudit(tx, ctx, [
        {
          action: 'U',
          subtype: 'password-change',
          entityType: 'User',
          entityId: ctx.userId,
          outcome: 'success',
        },
      ]);
    });
  }

  /** Self-service enrolment: a pending secret, confirmed by a first valid code. */
  async beginTotp(ctx: AccessContext): Promise<{ secret: string; otpauthUrl: string }> {
    const secret = newTotpSecret();
    const user = await this.db
      .selectFrom('app_user')
      .select(['totp_enabled', 'username'])
      .where('id', '=', ctx.userId)
      .executeTakeFirstOrThrow();
    if (user.totp_enabled)
      throw conflict('totp_enabled', 'A second factor is already set up; an administrator can reset it');
    await this.db.updateTable('app_user').set({ totp_secret: secret }).where('id', '=', ctx.userId).execute();
    return { secret, otpauthUrl: totpUri(secret, user.username) };
  }

  async confirmTotp(ctx: AccessContext, code: string): Promise<void> {
    const user = await this.db
      .selectFrom('app_user')
      .select(['totp_secret', 'totp_enabled'])
      .where('id', '=', ctx.userId)
      .executeTakeFirstOrThrow();
    if (user.totp_enabled || !user.totp_secret) throw conflict('totp_not_pending', 'Start the set-up first');
    const step = checkTotp(user.totp_secret, code);
    if (step === null)
      throw new PassageError(400, 'totp_invalid', 'The one-time code is wrong', [
        { message: 'wrong code', expression: 'code' },
      ]);
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('app_user')
        .set({ totp_enabled: true, totp_last_step: step })
        .where('id', '=', ctx.userId)
        .execute();
      await recordAudit(tx, ctx, [
        { action: 'U', subtype: 'totp-enable', entityType: 'User', entityId: ctx.userId, outcome: 'success' },
      ]);
    });
  }
}

/**
 * Sessions: an opaque random token, stored only as its SHA-256. The same token serves as the
 * browser's HttpOnly cookie and as an API client's bearer token. Resolved sessions are cached
 * briefly so a busy API does not pay a database round trip per request; sign-out, disabling a user
 * and role changes evict the cache at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isRole, type RoleAssignment } from '@passage/core';
import { buildAccessContext, type AccessContext } from '../access/access-context.ts';
import { loadOrgTree } from '../access/org-tree.ts';
import type { Db } from '../db/database.ts';

const CACHE_MS = 15_000;

export interface ResolvedSession {
  ctx: AccessContext;
  userId: string;
  tokenHash: string;
  expiresAt: Date;
  mustChangePassword: boolean;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionStore {
  private readonly cache = new Map<string, { session: ResolvedSession; until: number }>();

  private readonly db: Db;
  private readonly sessionHours: number;

  constructor(db: Db, sessionHours: number) {
    this.db = db;
    this.sessionHours = sessionHours;
  }

  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.sessionHours * 3_600_000);
    await this.db
      .insertInto('user_session')
      .values({ token_hash: hashToken(token), user_id: userId, expires_at: expiresAt })
      .execute();
    return { token, expiresAt };
  }

  async resolve(token: string): Promise<ResolvedSession | undefined> {
    if (token.length < 20 || token.length > 200) return undefined;
    const tokenHash = hashToken(token);
    const cached = this.cache.get(tokenHash);
    const now = Date.now();
    if (cached && cached.until > now && cached.session.expiresAt.getTime() > now) return cached.session;
    this.cache.delete(tokenHash);
    const row = await this.db
      .selectFrom('user_session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .select([
        's.user_id',
        's.expires_at',
        'u.username',
        'u.display_name',
        'u.disabled',
        'u.patient_id',
        'u.must_change_password',
      ])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row || row.disabled || new Date(row.expires_at).getTime() <= now) return undefined;
    const ctx = await this.contextFor(row.user_id, row.username, row.patient_id, row.display_name);
    const session = {
      ctx,
      userId: row.user_id,
      tokenHash,
      expiresAt: new Date(row.expires_at),
      mustChangePassword: row.must_change_password,
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(tokenHash, { session, until: now + CACHE_MS });
    return session;
  }

  async contextFor(
    userId: string,
    username: string,
    patientId: string | null,
    displayName?: string,
  ): Promise<AccessContext> {
    const [roles, tree] = await Promise.all([
      this.db.selectFrom('user_role').select(['role', 'org_id']).where('user_id', '=', userId).execute(),
      loadOrgTree(this.db),
    ]);
    const assignments: RoleAssignment[] = roles
      .filter((r) => isRole(r.role))
      .map((r) => ({ role: r.role as RoleAssignment['role'], organizationId: r.org_id }));
    return buildAccessContext({
      userId,
      username,
      ...(displayName ? { displayName } : {}),
      assignments,
      descendants: (id) => tree.descendants(id),
      ownPatientId: patientId,
    });
  }

  async revoke(tokenHash: string): Promise<void> {
    this.cache.delete(tokenHash);
    await this.db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of a user (disabled, password reset) or just drops cached rights (roles changed). */
  async forgetUser(userId: string, endSessions: boolean): Promise<void> {
    for (const [key, value] of this.cache) if (value.session.userId === userId) this.cache.delete(key);
    if (endSessions) await this.db.deleteFrom('user_session').where('user_id', '=', userId).execute();
  }

  async purgeExpired(): Promise<void> {
    await this.db.deleteFrom('user_session').where('expires_at', '<', new Date()).execute();
  }
}

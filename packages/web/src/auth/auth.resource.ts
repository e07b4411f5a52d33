import type { Permission, Role } from '@passage/core';
import { api } from '../api/client';

export interface RoleAtOrganization {
  role: Role;
  organizationId: string;
  organizationName: string;
}

/** The signed-in user, as GET /api/auth/me returns it. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: RoleAtOrganization[];
  permissions: Permission[];
  totpEnabled: boolean;
  mustChangePassword: boolean;
}

export interface LoginRequest {
  username: string;
  password: string;
  totp?: string;
}

export interface LoginResponse {
  /** Also set as the HttpOnly cookie; the web app ignores it (it is for API clients). */
  accessToken: string;
  expiresAt: string;
  user: Me;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

export const login = (request: LoginRequest) =>
  api<LoginResponse>('/api/auth/login', { method: 'POST', body: request });

export const fetchMe = (signal?: AbortSignal) => api<Me>('/api/auth/me', { signal });

export const logout = () => api<void>('/api/auth/logout', { method: 'POST' });

export const changePassword = (currentPassword: string, newPassword: string) =>
  api<void>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });

export const setupTotp = () => api<TotpSetup>('/api/auth/totp/setup', { method: 'POST' });

export const enableTotp = (code: string) =>
  api<void>('/api/auth/totp/enable', { method: 'POST', body: { code } });

import type { Me, TotpSetup, UserRoleSchema } from '@passage/core';
import type { z } from 'zod';
import { api } from '../api/client';

/** One of a user's roles, at the organisation it applies to (response types come from core's schemas). */
export type RoleAtOrganization = z.infer<typeof UserRoleSchema>;

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

export const login = (request: LoginRequest) =>
  api<LoginResponse>('/api/auth/login', { method: 'POST', body: request });

export const fetchMe = (signal?: AbortSignal) => api<Me>('/api/auth/me', { signal });

export const logout = () => api<void>('/api/auth/logout', { method: 'POST' });

export const changePassword = (currentPassword: string, newPassword: string) =>
  api<void>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });

export const setupTotp = () => api<TotpSetup>('/api/auth/totp/setup', { method: 'POST' });

export const enableTotp = (code: string) =>
  api<void>('/api/auth/totp/enable', { method: 'POST', body: { code } });

import type { Permission } from '@passage/core';
import type { TranslationKey } from '../common/errors';

export interface NavItem {
  path: string;
  label: TranslationKey;
  /** Shown when the user holds any of these; an empty list means everyone. */
  anyOf: readonly Permission[];
}

/**
 * The menu, shaped by permissions (never by role names) so that changing the policy in @passage/core
 * changes the menu too. The server enforces the same rules; hiding is only for clarity.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'navHome', anyOf: [] },
  { path: '/people', label: 'navPeople', anyOf: ['demographics.read', 'own-record.read'] },
  { path: '/worklists', label: 'navWorklists', anyOf: ['clinical.read'] },
  { path: '/identity/candidates', label: 'identityNav', anyOf: ['demographics.read'] },
  { path: '/indicators', label: 'navIndicators', anyOf: ['aggregates.read'] },
  { path: '/training', label: 'navTraining', anyOf: ['training.use'] },
  { path: '/admin/users', label: 'navUsers', anyOf: ['users.manage'] },
  { path: '/admin/audit', label: 'navAudit', anyOf: ['audit.read'] },
  { path: '/account', label: 'navAccount', anyOf: [] },
];

export function canSee(anyOf: readonly Permission[], held: readonly Permission[]): boolean {
  return anyOf.length === 0 || anyOf.some((p) => held.includes(p));
}

export function visibleNavItems(held: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => canSee(item.anyOf, held));
}

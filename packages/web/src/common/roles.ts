import type { Role } from '@passage/core';
import type { TFunction } from 'i18next';
import type { RoleAtOrganization } from '../auth/auth.resource';
import type { TranslationKey } from './errors';

const capitalize = <S extends string>(s: S) => (s.charAt(0).toUpperCase() + s.slice(1)) as Capitalize<S>;

/**
 * Catalogue keys for a role's label and description. English mirrors POLICY (a test keeps them equal)
 * so that the role texts can be translated like everything else.
 */
export function roleLabelKey(role: Role): TranslationKey {
  return `role${capitalize(role)}`;
}

export function roleDescriptionKey(role: Role): TranslationKey {
  return `role${capitalize(role)}Description`;
}

/** "Clinician · Site A, Administrator · Country", with the language's own list separator. */
export function describeRoles(t: TFunction, roles: readonly RoleAtOrganization[]): string {
  return roles.map((r) => `${t(roleLabelKey(r.role))} · ${r.organizationName}`).join(t('listSeparator'));
}

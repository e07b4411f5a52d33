import type { Permission } from '@passage/core';
import type { ReactNode } from 'react';
import { NotFoundPage } from '../common/not-found.page';
import { canSee } from '../shell/navigation';
import { useMe } from './session.context';

/** Guards a route the way the menu hides it; the server still checks every request. */
export function RequirePermission({
  anyOf,
  children,
}: {
  anyOf: readonly Permission[];
  children: ReactNode;
}) {
  const me = useMe();
  return canSee(anyOf, me.permissions) ? children : <NotFoundPage />;
}

import type { Me } from '@passage/core';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, onUnauthorized } from '../api/client';
import { fetchMe, logout } from './auth.resource';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'signed-in'; me: Me };

interface SessionContextValue {
  state: SessionState;
  /** After a successful sign-in, with the user from the login response. */
  signedIn: (me: Me) => void;
  /** Re-reads /api/auth/me, e.g. after a password change or enabling the second factor. */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const navigate = useNavigate();

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const me = await fetchMe(signal);
      setState({ status: 'signed-in', me });
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof ApiError && error.status === 401)
        setState({ status: 'anonymous', expired: false });
      else setState({ status: 'error', error });
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // Any 401 mid-session means the cookie expired or was revoked: back to sign-in, saying why.
  useEffect(() => {
    onUnauthorized(() => setState({ status: 'anonymous', expired: true }));
    return () => onUnauthorized(null);
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      signedIn: (me) => setState({ status: 'signed-in', me }),
      refresh: () => load(),
      signOut: async () => {
        try {
          await logout();
        } finally {
          // Even if the server is unreachable, leave nothing of the user on screen; the next person
          // to sign in on this device starts from home, not from the previous user's page.
          setState({ status: 'anonymous', expired: false });
          void navigate('/', { replace: true });
        }
      },
      retry: () => {
        setState({ status: 'loading' });
        void load();
      },
    }),
    [state, load, navigate],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for components rendered inside the signed-in shell. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe without a signed-in user');
  return state.me;
}

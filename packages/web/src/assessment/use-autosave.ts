/**
 * Saves a draft some seconds after the latest change, and at once when asked (on leaving a section).
 * One save at a time: the first creates the draft, so a second must not start before it has an id.
 * A failed save is retried after the same delay; the answers stay in the page meanwhile.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type AutosaveStatus =
  { state: 'idle' } | { state: 'saving' } | { state: 'saved'; at: Date } | { state: 'error'; error: unknown };

export interface Autosave {
  status: AutosaveStatus;
  /** True while changes are not saved yet. */
  pending: boolean;
  /** Saves now if anything changed; resolves when saved, rejects when saving failed. */
  saveNow: () => Promise<void>;
  /** Stops saving (while completing), after any save in flight. */
  pause: () => Promise<void>;
  /** Saves again as before (completing failed). */
  resume: () => void;
}

export function useAutosave(version: number, save: () => Promise<void>, delayMs = 10_000): Autosave {
  const [status, setStatus] = useState<AutosaveStatus>({ state: 'idle' });
  const [savedVersion, setSavedVersion] = useState(version);
  const latest = useRef({ version, save, savedVersion });
  latest.current = { version, save, savedVersion };
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const run = useCallback(async (): Promise<void> => {
    clearTimer();
    while (inFlight.current) await inFlight.current;
    const { version: target, savedVersion: saved } = latest.current;
    if (stopped.current || target === saved) return;
    setStatus({ state: 'saving' });
    const attempt = latest.current.save().then(
      () => {
        setSavedVersion((v) => Math.max(v, target));
        setStatus({ state: 'saved', at: new Date() });
      },
      (error: unknown) => {
        setStatus({ state: 'error', error });
        timer.current = setTimeout(() => void run().catch(() => undefined), delayMs);
        throw error;
      },
    );
    const settled = attempt.then(
      () => undefined,
      () => undefined,
    );
    inFlight.current = settled;
    void settled.then(() => {
      if (inFlight.current === settled) inFlight.current = null;
    });
    return attempt;
  }, [delayMs]);

  useEffect(() => {
    if (version === savedVersion || timer.current || stopped.current) return;
    timer.current = setTimeout(() => void run().catch(() => undefined), delayMs);
  }, [version, savedVersion, run, delayMs]);

  // Leaving the page: save what is pending (no one waits for it) and ask before closing the tab.
  const pending = version !== savedVersion;
  useEffect(() => {
    if (!pending) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [pending]);
  useEffect(
    () => () => {
      clearTimer();
      void run().catch(() => undefined);
    },
    [run],
  );

  return {
    status,
    pending,
    saveNow: run,
    pause: useCallback(async () => {
      stopped.current = true;
      clearTimer();
      while (inFlight.current) await inFlight.current;
    }, []),
    resume: useCallback(() => {
      stopped.current = false;
      const { version: now, savedVersion: saved } = latest.current;
      if (now !== saved && !timer.current)
        timer.current = setTimeout(() => void run().catch(() => undefined), delayMs);
    }, [run, delayMs]),
  };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchScan, startScan, type ScanStatus } from './identity.resource';

/** How often a running scan is asked how far it got. */
const POLL_MS = 800;

export type ScanState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'running'; scanId: string; status: ScanStatus | undefined }
  | { phase: 'done'; status: ScanStatus }
  | { phase: 'failed'; error: unknown; status?: ScanStatus };

/**
 * Starts a scan of the register for duplicates and follows it until it ends, then calls onDone.
 * Polling stops when the page is left.
 */
export function useScan(onDone: () => void): { state: ScanState; start: () => void; reset: () => void } {
  const [state, setState] = useState<ScanState>({ phase: 'idle' });
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  const scanId = state.phase === 'running' ? state.scanId : undefined;

  useEffect(() => {
    if (!scanId) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const status = await fetchScan(scanId, controller.signal);
        if (controller.signal.aborted) return;
        if (status.status === 'running') {
          setState({ phase: 'running', scanId, status });
          timer = setTimeout(() => void poll(), POLL_MS);
          return;
        }
        if (status.status === 'failed') setState({ phase: 'failed', error: new Error(status.error), status });
        else setState({ phase: 'done', status });
        done.current();
      } catch (error) {
        if (!controller.signal.aborted) setState({ phase: 'failed', error });
      }
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [scanId]);

  const start = useCallback(() => {
    setState({ phase: 'starting' });
    startScan().then(
      ({ scanId: id }) => setState({ phase: 'running', scanId: id, status: undefined }),
      (error: unknown) => setState({ phase: 'failed', error }),
    );
  }, []);

  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, reset };
}

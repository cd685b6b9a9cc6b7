import { useCallback, useEffect, useState } from 'react';
import { ApiError, asApiError, getJson } from '../../../api';
import type { RestoreResponse, RestoreRun } from '../../../types';

/** How often a running restore is asked for its progress. */
export const POLL_INTERVAL_MS = 1000;

export interface FollowedRestore {
  /** The restore followed: the one started or kept here, else `fallback`; as last answered. */
  run: RestoreRun | undefined;
  /** The last poll failed (polling goes on). */
  error: ApiError | undefined;
  /** Follow this restore from now on (just started, or as an action answered). */
  follow: (run: RestoreRun) => void;
}

/**
 * Follows one restore: while it runs, `GET …/restores/:id` every second, until it is done or
 * failed. `fallback` (a restore already running when the page opened) is followed until another
 * is given.
 */
export function useFollowedRestore(restoresPath: string, fallback: RestoreRun | undefined): FollowedRestore {
  const [chosen, setChosen] = useState<RestoreRun>();
  const [error, setError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);
  const run = chosen ?? fallback;

  useEffect(() => {
    if (run?.status !== 'running') return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      getJson<RestoreResponse>(`${restoresPath}/${encodeURIComponent(run.id)}`, controller.signal).then(
        ({ restore }) => {
          setError(undefined);
          setChosen(restore);
        },
        (caught: unknown) => {
          if (controller.signal.aborted) return;
          setError(asApiError(caught));
          setAttempt((n) => n + 1);
        },
      );
    }, POLL_INTERVAL_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [restoresPath, run, attempt]);

  const follow = useCallback((next: RestoreRun) => {
    setError(undefined);
    setChosen(next);
  }, []);

  return { run, error, follow };
}

import { useCallback, useEffect, useState } from 'react';
import { ApiError, asApiError, getJson } from './api';
import { redirectToSignIn } from './router';

export interface ApiResource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** Replaces the loaded data locally, e.g. with what a change returned (no request). */
  update: (change: (data: T) => T) => void;
}

interface State<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

/**
 * Loads `GET path` when the component mounts. A 401 answer means the session is gone,
 * so by default the user is sent to the sign-in page.
 */
export function useApi<T>(path: string, options: { redirectOn401?: boolean } = {}): ApiResource<T> {
  const redirectOn401 = options.redirectOn401 ?? true;
  const [state, setState] = useState<State<T>>({ data: undefined, error: undefined, loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getJson<T>(path, controller.signal).then(
      (data) => setState({ data, error: undefined, loading: false }),
      (caught: unknown) => {
        if (controller.signal.aborted) return;
        const error = asApiError(caught);
        if (error.status === 401 && redirectOn401) {
          redirectToSignIn();
          return;
        }
        setState((previous) => ({ data: previous.data, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [path, attempt, redirectOn401]);

  const reload = useCallback(() => {
    setState((previous) => ({ ...previous, loading: true }));
    setAttempt((n) => n + 1);
  }, []);

  const update = useCallback((change: (data: T) => T) => {
    setState((previous) =>
      previous.data === undefined ? previous : { ...previous, data: change(previous.data) },
    );
  }, []);

  return { ...state, reload, update };
}

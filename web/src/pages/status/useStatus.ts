import { useEffect, useState } from 'react';
import { asApiError, type ApiError } from '../../api';
import { fetchStatus } from './statusApi';
import type { StatusView } from './types';

const REFRESH_MS = 60_000;

/** The public status, loaded now and every minute while the page is open. */
export function useStatus(): { status: StatusView | undefined; error: ApiError | undefined } {
  const [status, setStatus] = useState<StatusView>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    const controller = new AbortController();
    const load = () => {
      fetchStatus(controller.signal).then(
        (view) => {
          setStatus(view);
          setError(undefined);
        },
        (caught: unknown) => {
          if (!controller.signal.aborted) setError(asApiError(caught));
        },
      );
    };
    load();
    const timer = window.setInterval(load, REFRESH_MS);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, []);

  return { status, error };
}

import { ApiError } from '../../api';
import type { StatusView } from './types';

/**
 * The status page talks to the public API without cookies: it is the same for everyone, and a
 * visitor's console session (or its pending second-factor set-up) must not change the answer.
 */
async function call<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'omit' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError(
      0,
      'network_error',
      'Could not reach Oxygis Cloud. Check your connection and try again.',
    );
  }
  const payload = (await response.json().catch(() => undefined)) as unknown;
  if (response.ok) return payload as T;
  const body = (payload ?? {}) as { error?: unknown; message?: unknown };
  if (typeof body.error === 'string' && typeof body.message === 'string')
    throw new ApiError(response.status, body.error, body.message);
  throw new ApiError(response.status, `http_${response.status}`, 'Try again in a moment.');
}

export function fetchStatus(signal: AbortSignal): Promise<StatusView> {
  return call<StatusView>('/api/public/status', { headers: { accept: 'application/json' }, signal });
}

export function subscribe(email: string): Promise<{ message: string }> {
  return call<{ message: string }>('/api/public/status/subscriptions', {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
}

/** The one place that talks HTTP to the Oxygis Cloud API (same origin, JSON). */

const CSRF_COOKIE = '__Host-oxygis-csrf';
const MFA_ENROLLMENT_REQUIRED = 'oxygis:mfa-enrollment-required';

/** Failed API call: `code` is the server's stable error code, `message` is meant for the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  /** Sent as is, as `application/octet-stream`, instead of a JSON body. */
  file?: Blob;
  signal?: AbortSignal;
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

export async function api<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.file !== undefined) headers['content-type'] = options.file.type || 'application/octet-stream';
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrfToken = readCookie(CSRF_COOKIE);
    if (csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(
      0,
      'network_error',
      'Could not reach Oxygis Cloud. Check your connection and try again.',
    );
  }

  const payload = await readJson(response);
  if (!response.ok) {
    const error = errorFromResponse(response.status, payload);
    if (error.code === 'mfa_enrollment_required') window.dispatchEvent(new Event(MFA_ENROLLMENT_REQUIRED));
    throw error;
  }
  return payload as T;
}

/**
 * Calls `listener` whenever the server refuses a call until the account sets up a second
 * factor (its client started to require one, say). Returns the function that unsubscribes.
 */
export function onMfaEnrollmentRequired(listener: () => void): () => void {
  window.addEventListener(MFA_ENROLLMENT_REQUIRED, listener);
  return () => window.removeEventListener(MFA_ENROLLMENT_REQUIRED, listener);
}

export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return api<T>('GET', path, { signal });
}

export function postJson<T>(path: string, body?: unknown): Promise<T> {
  return api<T>('POST', path, { body });
}

/** Uploads a file as the raw body of a POST (the CSRF header like every other change). */
export function postFile<T>(path: string, file: Blob): Promise<T> {
  return api<T>('POST', path, { file });
}

export function putJson<T>(path: string, body: unknown): Promise<T> {
  return api<T>('PUT', path, { body });
}

export function deleteJson<T>(path: string): Promise<T> {
  return api<T>('DELETE', path);
}

/** Turns anything caught from `api()` into an ApiError that can be shown to the user. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'unexpected_error', 'Something went wrong. Reload the page and try again.');
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorFromResponse(status: number, payload: unknown): ApiError {
  if (isErrorBody(payload)) return new ApiError(status, payload.error, payload.message);
  if (status === 429)
    return new ApiError(status, 'rate_limited', 'Too many attempts. Wait a minute, then try again.');
  return new ApiError(
    status,
    `http_${status}`,
    `Oxygis Cloud answered with HTTP ${status}. Try again in a moment.`,
  );
}

function isErrorBody(payload: unknown): payload is { error: string; message: string } {
  if (typeof payload !== 'object' || payload === null) return false;
  const body = payload as Record<string, unknown>;
  return typeof body.error === 'string' && typeof body.message === 'string';
}

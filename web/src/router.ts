/** A tiny History API router: `useLocation()` to read the URL, `navigate()` to change it. */
import { createContext, use, useMemo, useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentUrl(): string {
  return window.location.pathname + window.location.search;
}

export interface RouterLocation {
  pathname: string;
  searchParams: URLSearchParams;
}

export function useLocation(): RouterLocation {
  const url = useSyncExternalStore(subscribe, currentUrl);
  return useMemo(() => {
    const parsed = new URL(url, window.location.origin);
    return { pathname: parsed.pathname, searchParams: parsed.searchParams };
  }, [url]);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else if (to !== currentUrl()) window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

/** Only same-origin paths may be used as a redirect target after signing in. */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** Sends the user to the sign-in page, remembering where to come back to. */
export function redirectToSignIn(): void {
  const here = currentUrl();
  const query = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
  navigate(`/sign-in${query}`, { replace: true });
}

export type RouteParams = Readonly<Partial<Record<string, string>>>;

/**
 * Matches a route pattern such as `/clients/:slug` against a path: `/clients/alpha` gives
 * `{ slug: 'alpha' }`. Null when it does not match.
 */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const wanted = pattern.split('/');
  const given = pathname.split('/');
  if (wanted.length !== given.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of wanted.entries()) {
    const value = given[index] ?? '';
    if (!part.startsWith(':')) {
      if (part !== value) return null;
      continue;
    }
    if (value === '') return null;
    try {
      params[part.slice(1)] = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return params;
}

/** The parameters of the current route (`:slug` of `/clients/:slug`); provided by the console page. */
export const RouteParamsContext = createContext<RouteParams>({});

export function useRouteParam(name: string): string | undefined {
  return use(RouteParamsContext)[name];
}

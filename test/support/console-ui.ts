import type { Locator, Page, Response } from 'playwright-core';

/** Helpers for driving the web console with Playwright, through what a person sees. */

export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

export async function waitForPath(page: Page, pathname: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === pathname);
}

/** Fills and submits the sign-in form (the first step: e-mail and password). */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The <dd> that follows the <dt> with exactly this text (ARIA gives definitions no accessible name). */
export function definitionOf(scope: Page | Locator, term: string): Locator {
  return scope
    .getByRole('term')
    .and(scope.getByText(term, { exact: true }))
    .locator('xpath=following-sibling::dd[1]');
}

/** The table row that has a cell (or row header) reading exactly `text`. */
export function rowWith(page: Page, text: string): Locator {
  return page.getByRole('row').filter({
    has: page
      .getByRole('cell', { name: text, exact: true })
      .or(page.getByRole('rowheader', { name: text, exact: true })),
  });
}

/** The next answer to `method` on an /api path (a string is matched exactly, a RegExp against the path). */
export function apiResponse(page: Page, method: string, path: string | RegExp): Promise<Response> {
  return page.waitForResponse((response) => {
    const pathname = new URL(response.url()).pathname;
    const matches = typeof path === 'string' ? pathname === path : path.test(pathname);
    return matches && response.request().method() === method;
  });
}

/** A link from an e-mail, pointed at the platform under test (same path and token). */
export function onPlatform(link: string, platformUrl: string): string {
  const { pathname, search } = new URL(link);
  return new URL(pathname + search, platformUrl).toString();
}

/** The RFC 6238 time step (30 s) of a moment. */
export function totpStep(atMs: number = Date.now()): number {
  return Math.floor(atMs / 1000 / 30);
}

/**
 * Waits until the authenticator shows a new code: the server takes each time step's code once,
 * so the code used to turn two-factor on cannot sign in during the same 30 seconds.
 */
export async function waitForTotpStepAfter(step: number): Promise<void> {
  while (totpStep() <= step) await new Promise((resolve) => setTimeout(resolve, 250));
}

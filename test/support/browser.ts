import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

export const chromiumPath = process.env.OXYGIS_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Browser tests need Debian's Chromium (`.ci/run` installs it). Outside CI, a machine without it
 * skips them with this reason printed; in CI a missing browser is a failure, never a skip.
 */
export const browserSkipReason =
  existsSync(chromiumPath) || process.env.CI
    ? undefined
    : `no Chromium at ${chromiumPath}: apt-get install -y chromium`;

if (browserSkipReason) process.stderr.write(`browser tests skipped: ${browserSkipReason}\n`);

/** Headless Chromium from the system (or OXYGIS_CHROMIUM); no browser download needed. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh browser context (own cookies) that accepts the certificate of the platform's local CA. */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ ...options, ignoreHTTPSErrors: true });
}

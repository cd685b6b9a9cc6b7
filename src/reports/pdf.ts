import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where distributions install Chromium, in the order tried. */
const KNOWN_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** A headless browser that talks to no one: the report is self-contained. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The configured Chromium if it exists, else the first one installed in a usual place. */
export function findChromium(configured?: string): string | undefined {
  if (configured && existsSync(configured)) return configured;
  return KNOWN_PATHS.find((path) => existsSync(path));
}

/**
 * Prints a self-contained HTML document to an A4 PDF with the system's Chromium (no browser is
 * downloaded), with the margins of the report's `@page` rule. The browser is closed whatever
 * happens.
 */
export async function printPdf(html: string, options: { chromiumPath?: string }): Promise<Buffer> {
  const executablePath = options.chromiumPath ?? findChromium();
  let browser: Browser;
  try {
    browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ARGS });
  } catch (error) {
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new Error(
      `could not start Chromium (${executablePath ?? 'none found'}) to print the PDF: ${why}; ` +
        'install it (apt-get install chromium) or configure its path',
      { cause: error },
    );
  }
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '18mm', right: '15mm', bottom: '20mm', left: '15mm' },
    });
  } finally {
    await browser.close();
  }
}

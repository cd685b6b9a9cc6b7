import { describe, expect, it } from 'vitest';
import { findChromium, printPdf } from './pdf.js';

const chromium = findChromium(process.env.OXYGIS_CHROMIUM);

describe('printPdf', () => {
  // Printing needs a system Chromium (apt-get install chromium); without one there is nothing to
  // print with, and the service answers `pdf_unavailable` instead.
  it.skipIf(chromium === undefined)('prints a small document to a PDF', { timeout: 60_000 }, async () => {
    const pdf = await printPdf('<!DOCTYPE html><html><body><h1>Report</h1></body></html>', {
      chromiumPath: chromium,
    });
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('says clearly when the browser cannot start', async () => {
    await expect(printPdf('<p>x</p>', { chromiumPath: '/nonexistent/chromium' })).rejects.toThrow(
      /could not start Chromium \(\/nonexistent\/chromium\)/,
    );
  });

  it('prefers the configured browser, if it exists', () => {
    expect(findChromium('/nonexistent/chromium')).toBe(findChromium());
    if (chromium) expect(findChromium(chromium)).toBe(chromium);
  });
});

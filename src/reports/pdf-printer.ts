import { AppError } from '../server/errors.js';
import { findChromium, printPdf } from './pdf.js';

/**
 * Prints the platform's HTML documents (monthly reports, purchase orders) as PDF in headless
 * Chromium. Without Chromium: 503 pdf_unavailable saying what to do (HTML and JSON still work).
 */
export class PdfPrinter {
  constructor(private readonly chromiumPath: string | undefined) {}

  /** Throws pdf_unavailable before any work is done when Chromium is missing. */
  assertAvailable(): string {
    const chromium = findChromium(this.chromiumPath);
    if (!chromium)
      throw new AppError(
        503,
        'pdf_unavailable',
        'PDF documents are printed by Chromium, which is not installed here: install it (apt-get install chromium) or set OXYGIS_CHROMIUM_PATH; the HTML and JSON formats work without it',
      );
    return chromium;
  }

  async print(html: string): Promise<Buffer> {
    return printPdf(html, { chromiumPath: this.assertAvailable() });
  }
}

/** Words and numbers of the service options: prices, quantities. */

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "€50.00" in the reader's locale; the currency as the API gives it (ISO 4217). */
export function formatMoney(amount: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (format === undefined) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format.format(amount);
}

/** "€50.00 per month". */
export function priceInWords(option: { unitPrice: number; currency: string; unit: string }): string {
  return `${formatMoney(option.unitPrice, option.currency)} per ${option.unit}`;
}

/** "0.9032 month": the purchase order counts to four decimals, as the API rounds. */
export function quantityInWords(quantity: number, unit: string): string {
  return `${quantity.toFixed(4)} ${unit}`;
}

/** Where the catalogue is read, and where an operator prices one option. */
export const CATALOGUE_PATH = '/api/options';

export function pricePath(code: string): string {
  return `${CATALOGUE_PATH}/${encodeURIComponent(code)}`;
}

/** Where a client's options are read, requested and decided, and its purchase order fetched. */

export type OptionDecision = 'approve' | 'reject' | 'deactivate';
export type OrderFormat = 'json' | 'csv' | 'html';

/** `GET` the client's options, `POST` a request. */
export function clientOptionsPath(clientSlug: string): string {
  return `/api/clients/${encodeURIComponent(clientSlug)}/options`;
}

/** Operators: `POST` a decision on one option of the client. */
export function decisionPath(clientSlug: string, code: string, decision: OptionDecision): string {
  return `${clientOptionsPath(clientSlug)}/${encodeURIComponent(code)}/${decision}`;
}

/** This month's purchase order (the server's default period), in a format. */
export function purchaseOrderPath(clientSlug: string, format: OrderFormat): string {
  return `/api/clients/${encodeURIComponent(clientSlug)}/purchase-order?format=${format}`;
}

/** The name the browser saves the CSV under (the server's own, so both agree). */
export function csvFileName(clientSlug: string): string {
  return `oxygis-order-${clientSlug}.csv`;
}

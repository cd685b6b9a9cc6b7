/** Shapes of a client's service options API's answers (`/api/clients/:key/options`, `…/purchase-order`). */

export type ClientOptionStatus = 'requested' | 'active' | 'rejected' | 'deactivated';

/**
 * One request of an option by a client and what became of it. An option may have several: one
 * rejected or deactivated, then requested again. Instants are ISO 8601 strings.
 */
export interface ClientOption {
  code: string;
  name: string;
  status: ClientOptionStatus;
  unit: string;
  /** The price of the request; once active, the price it was approved at (kept for billing). */
  unitPrice: number;
  currency: string;
  requestedBy: string;
  requestedAt: string;
  /** The operator who approved or rejected it. */
  decidedBy: string | null;
  activatedAt: string | null;
  deactivatedAt: string | null;
  /** The client's note with the request. */
  note: string | null;
  /** Why an operator refused it. */
  refusedBecause: string | null;
}

export interface ClientOptionsResponse {
  options: ClientOption[];
}

/** A line of the purchase order: an option over the part of the period it was active. */
export interface OrderLine {
  option: string;
  name: string;
  from: string;
  to: string;
  /** In `unit`s, to four decimals. */
  quantity: number;
  unit: string;
  unitPrice: number;
  currency: string;
  total: number;
}

export interface PurchaseOrder {
  client: string;
  name: string;
  from: string;
  to: string;
  lines: OrderLine[];
  total: number;
}

export interface PurchaseOrderResponse {
  order: PurchaseOrder;
}

/** Shapes of the service options catalogue API's answers (`/api/options`). */

/** An option of the agreement, as operators price it (`GET /api/options`). */
export interface CatalogueOption {
  code: string;
  name: string;
  description: string;
  /** What the price is counted in, such as "month". */
  unit: string;
  unitPrice: number;
  currency: string;
  /** Whether this platform can provide it; when not, `unavailableBecause` says why. */
  available: boolean;
  unavailableBecause: string | null;
}

export interface CatalogueResponse {
  options: CatalogueOption[];
}

/** `PUT /api/options/:option`: the option with its new price. */
export interface CatalogueOptionResponse {
  option: CatalogueOption;
}

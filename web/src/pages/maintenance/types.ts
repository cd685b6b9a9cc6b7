/** Shapes of the maintenance and force-majeure API's answers. */

export type MaintenanceScope = 'platform' | 'client' | 'monitor';

/** A scheduled maintenance in force, with its next occurrences (`GET /api/maintenance`). */
export interface Maintenance {
  id: string;
  scope: MaintenanceScope;
  clientId: string | null;
  monitorId: string | null;
  kind: 'one_off' | 'recurring';
  /** One-off: its instants. */
  startsAt: string | null;
  endsAt: string | null;
  /** Recurring: the rule, its first local date and time of day, its length, in `timeZone`. */
  rrule: string | null;
  firstDate: string | null;
  localStart: string | null;
  durationMinutes: number | null;
  timeZone: string;
  reason: string;
  createdBy: string;
  /** Up to three occurrences ahead. */
  next: { from: string; to: string }[];
}

export interface MaintenanceListResponse {
  maintenance: Maintenance[];
}

export interface MaintenanceResponse {
  maintenance: Maintenance;
}

/** `POST /api/maintenance`: one-off (`from`, `to` instants) or recurring (`rrule`, local `from`, …). */
export interface NewMaintenance {
  client?: string;
  from: string;
  to?: string;
  rrule?: string;
  durationMinutes?: number;
  timeZone?: string;
  reason: string;
}

/** A declared force-majeure period: it leaves every client's eligible time. */
export interface ForceMajeurePeriod {
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  declaredBy: string;
  declaredAt: string;
}

export interface ForceMajeureListResponse {
  periods: ForceMajeurePeriod[];
}

/** `POST /api/force-majeure`: the period, and the frozen months it corrected. */
export interface DeclaredResponse {
  period: ForceMajeurePeriod;
  amended: { client: string; month: string }[];
}

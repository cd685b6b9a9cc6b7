/** Shapes of the monitoring API's answers that a client's Availability section reads. */

export type MonitorState = 'up' | 'down' | 'degraded' | 'no_data';
export type MonitorKind = 'http' | 'tcp' | 'postgres';

/** A monitor with its current state (`GET /api/clients/:key/monitors`). */
export interface Monitor {
  id: string;
  name: string;
  kind: MonitorKind;
  /** The client's database (added by the platform), or an endpoint of its application. */
  role: 'application' | 'database';
  target: string;
  intervalSeconds: number;
  timeoutMs: number;
  expectedStatus: number | null;
  keyword: string | null;
  status: {
    state: MonitorState;
    since: string | null;
    lastCheckAt: string | null;
    lastLatencyMs: number | null;
    lastError: string | null;
    certificateExpiresAt: string | null;
  };
}

export interface MonitorsResponse {
  monitors: Monitor[];
}

/** `POST /api/clients/:key/monitors`: an endpoint of the client's application. */
export interface NewMonitor {
  kind: 'http' | 'tcp';
  url: string;
  intervalSeconds: number;
  name?: string;
  keyword?: string;
}

export interface MonitorResponse {
  monitor: Monitor;
}

/** A client's figures over a month (`GET /api/clients/:key/sla?month=`); durations in seconds. */
export interface SlaFigures {
  client: string;
  month?: string;
  /** Set once the month is closed and its figures frozen (a later version is a correction). */
  frozen: { version: number; frozenAt: string; reason: string | null; author: string | null } | null;
  from: string;
  to: string;
  /** The month is not over: figures so far. */
  partial?: boolean;
  periodSeconds: number;
  eligibleSeconds: number;
  downtimeSeconds: number;
  excludedSeconds: { maintenance: number; forceMajeure: number };
  noDataSeconds: number;
  /** Null while no time could be measured. */
  availability: number | null;
  target: number;
  /** What downtime the target still allows; negative once it is missed. */
  errorBudgetSeconds: number;
  met: boolean | null;
}

export interface DailyAvailability {
  date: string;
  availability: number | null;
  downtimeSeconds: number;
  noDataSeconds: number;
  maintenanceSeconds: number;
  forceMajeureSeconds: number;
}

/** `GET /api/clients/:key/availability/daily?month=`. */
export interface DailyAvailabilityResponse {
  client: string;
  month: string;
  timeZone: string;
  target: number;
  days: DailyAvailability[];
}

export interface LatencyPoint {
  minute: string;
  checks: number;
  failures: number;
  latencyAvgMs: number;
  latencyMaxMs: number;
}

/** `GET /api/clients/:key/monitors/:id/latency?hours=`. */
export interface LatencyResponse {
  monitorId: string;
  hours: number;
  points: LatencyPoint[];
}

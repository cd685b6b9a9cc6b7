/** What GET /api/public/status answers (src/monitoring/status-page.schema.ts). */

export type ComponentState =
  'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'no_data';

export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface DayBar {
  /** Local date (the page's time zone), YYYY-MM-DD. */
  date: string;
  /** Share of the day up, 0–1; null when there is no data. */
  uptime: number | null;
}

export interface StatusComponent {
  id: 'platform' | 'databases' | 'applications';
  name: string;
  description: string;
  state: ComponentState;
  days: DayBar[];
}

export interface PublicIncident {
  id: string;
  title: string;
  component: 'databases' | 'applications' | null;
  status: IncidentStatus;
  startedAt: string;
  resolvedAt: string | null;
  durationSeconds: number | null;
  updates: { at: string; status: IncidentStatus; message: string | null }[];
}

export interface PublicMaintenance {
  id: string;
  reason: string;
  announcedAt: string;
  startsAt: string;
  endsAt: string;
  inProgress: boolean;
}

export interface StatusView {
  generatedAt: string;
  timeZone: string;
  overall: ComponentState;
  components: StatusComponent[];
  incidents: PublicIncident[];
  maintenance: PublicMaintenance[];
}

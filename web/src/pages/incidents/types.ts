/** Shapes of the incident API's answers (`/api/incidents`). */

export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface IncidentUpdate {
  at: string;
  status: IncidentStatus;
  message: string;
  /** Null for what the monitor wrote itself. */
  author: string | null;
}

export interface Incident {
  id: string;
  clientSlug: string;
  monitorName: string | null;
  title: string;
  status: IncidentStatus;
  openedAt: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  postmortem: string | null;
  /** Only when one incident is asked for. */
  updates?: IncidentUpdate[];
}

export interface IncidentsResponse {
  incidents: Incident[];
}

export interface IncidentResponse {
  incident: Incident;
}

/** `POST /api/incidents/:id/updates`. */
export interface IncidentUpdateRequest {
  status: IncidentStatus;
  message: string;
  postmortem?: string;
}

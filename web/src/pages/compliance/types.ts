/** Shapes of the response-target compliance API's answers (`GET /api/helpdesk/compliance`). */
import type { Criticality } from '../helpdesk/types';

/** A month's tickets of a client and criticality, against the first-response target. */
export interface ComplianceRow {
  client: string;
  criticality: Criticality;
  targetWorkingMs: number;
  count: number;
  /** Answered by the deadline. */
  met: number;
  /** Answered late, or still unanswered past the deadline. */
  breached: number;
  /** Unanswered, deadline still ahead. */
  pending: number;
  /** Of the answered tickets, in working time; null without any. */
  medianResponseWorkingMs: number | null;
  /** The longest response; an overdue unanswered ticket counts with the time so far (`worstStillOpen`). */
  worstResponseWorkingMs: number | null;
  worstStillOpen: boolean;
}

export interface ComplianceResponse {
  /** YYYY-MM, in `zone`. */
  month: string;
  zone: string;
  rows: ComplianceRow[];
}

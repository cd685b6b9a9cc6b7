import type { BusinessCalendar } from './business-calendar.js';
import { CRITICALITIES, targetMs, type Criticality, type ResponsePolicy } from './response-policy.js';
import { workingTimeBetween } from './working-time.js';

/*
 * Monthly compliance with the response targets, per client and criticality: pure. A ticket counts
 * in the month (of the business calendar's zone) in which it was received. Response times are in
 * working time, counted with the calendar version in force at the reception, like the deadline.
 */

export interface ComplianceTicket {
  client: string;
  criticality: Criticality;
  receivedAt: Date;
  responseDueAt: Date;
  respondedAt: Date | null;
}

export interface ComplianceRow {
  client: string;
  criticality: Criticality;
  targetWorkingMs: number;
  count: number;
  /** Answered by the deadline. */
  met: number;
  /** Answered late, or not answered and the deadline passed. */
  breached: number;
  /** Not answered yet, deadline still ahead. */
  pending: number;
  /** Of the answered tickets; null without any. */
  medianResponseWorkingMs: number | null;
  /**
   * The longest response; a breached ticket still unanswered counts with the working time
   * elapsed so far (then `worstStillOpen`), so an unanswered ticket never hides the worst case.
   */
  worstResponseWorkingMs: number | null;
  worstStillOpen: boolean;
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
}

/** One row per client and criticality (all three for every client named in `clients`). */
export function complianceRows(
  tickets: readonly ComplianceTicket[],
  clients: readonly string[],
  calendar: BusinessCalendar,
  policy: ResponsePolicy,
  now: Date,
): ComplianceRow[] {
  const names = [...new Set([...clients, ...tickets.map((t) => t.client)])].sort();
  return names.flatMap((client) =>
    CRITICALITIES.map((criticality) => {
      const mine = tickets.filter((t) => t.client === client && t.criticality === criticality);
      const answered = mine
        .filter((t) => t.respondedAt !== null)
        .map((t) => workingTimeBetween(calendar, t.receivedAt, t.respondedAt ?? t.receivedAt))
        .sort((a, b) => a - b);
      const overdue = mine
        .filter((t) => t.respondedAt === null && now > t.responseDueAt)
        .map((t) => workingTimeBetween(calendar, t.receivedAt, now));
      const worstAnswered = answered.at(-1) ?? null;
      const worstOpen = overdue.length > 0 ? Math.max(...overdue) : null;
      const worstStillOpen = worstOpen !== null && (worstAnswered === null || worstOpen > worstAnswered);
      return {
        client,
        criticality,
        targetWorkingMs: targetMs(policy, criticality),
        count: mine.length,
        met: mine.filter((t) => t.respondedAt !== null && t.respondedAt <= t.responseDueAt).length,
        breached: mine.filter((t) =>
          t.respondedAt === null ? now > t.responseDueAt : t.respondedAt > t.responseDueAt,
        ).length,
        pending: mine.filter((t) => t.respondedAt === null && now <= t.responseDueAt).length,
        medianResponseWorkingMs: median(answered),
        worstResponseWorkingMs: worstStillOpen ? worstOpen : worstAnswered,
        worstStillOpen,
      };
    }),
  );
}

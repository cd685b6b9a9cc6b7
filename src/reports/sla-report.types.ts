import type { ComplianceRow } from '../helpdesk/compliance.js';
import type { SlaFigures } from '../monitoring/sla.service.js';

/*
 * The monthly SLA evidence report: what a client reads to know whether each promise of the
 * agreement was kept in a month. Every section gives the figure, the agreement's target and
 * whether it was met (null: nothing to judge, e.g. no drill ran). Instants are ISO-8601 strings,
 * durations seconds (support: milliseconds of working time, like the helpdesk).
 */

export interface ReportBaseBackup {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed' | 'expired';
  /** Storage targets holding a full copy. */
  targets: string[];
  /** Targets still missing a copy. */
  missing: string[];
  verifiedAt: string | null;
  verifiedOk: boolean | null;
}

export interface ReportIncident {
  title: string;
  status: string;
  openedAt: string;
  resolvedAt: string | null;
  /** Up to the end of the month (or now) while still open. */
  durationSeconds: number;
  /** What the client lived: the monitor that failed and its role (application or database). */
  impact: string;
  postmortem: string | null;
}

export interface ReportDrill {
  at: string;
  ok: boolean;
  durationSeconds: number | null;
  recoveredUpTo: string | null;
  dataLossWindowSeconds: number | null;
  error: string | null;
}

export interface ReportOption {
  name: string;
  unit: string;
  unitPrice: number;
  currency: string;
  from: string;
  to: string | null;
}

export interface SlaReport {
  /** 1, 2, … once archived; 0 for a provisional report of a month not closed yet. */
  version: number;
  provisional: boolean;
  /** Why this version was made (amendments). */
  reason: string | null;
  generatedAt: string;
  client: { slug: string; name: string; plan: string };
  month: string;
  zone: string;
  availability: SlaFigures & {
    daily: { date: string; availability: number | null; downtimeSeconds: number; noDataSeconds: number }[];
  };
  incidents: ReportIncident[];
  backups: {
    policy: { baseBackupEveryHours: number; weeklyBackupsKept: number; pitrDays: number };
    baseBackups: ReportBaseBackup[];
    /** The longest stretch of the month without a successful base backup, against the cadence. */
    cadence: { requiredHours: number; longestGapHours: number | null; met: boolean | null };
    /** Every target configured, and how much of the month's backups it holds. */
    targets: { name: string; baseBackupCopies: number; walSegments: number; walSegmentsMissing: number }[];
    /** What could be restored at the end of the month (or now). */
    recoverable: { earliest: string | null; latest: string | null };
    met: boolean | null;
  };
  dataLoss: {
    limitSeconds: number;
    /** Archive lag sampled every minute the platform ran. */
    minutesMeasured: number;
    minutesOverLimit: number;
    typicalSeconds: number | null;
    p95Seconds: number | null;
    worstSeconds: number | null;
    met: boolean | null;
  };
  restore: {
    limitSeconds: number;
    drills: ReportDrill[];
    worstSeconds: number | null;
    met: boolean | null;
  };
  support: { rows: ComplianceRow[]; met: boolean | null };
  options: ReportOption[];
}

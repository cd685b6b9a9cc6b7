/** Shapes of the monthly SLA report API's answers that a client's Monthly reports section reads. */
import type { ComplianceRow } from '../../compliance/types';

export type ReportFormat = 'json' | 'html' | 'pdf';

/**
 * The monthly SLA evidence report (`GET /api/clients/:key/reports/sla/:month`), as far as the
 * console's summary reads it. Each promise has its verdict: null when there was nothing to judge.
 */
export interface SlaReport {
  /** 1, 2, … once archived; 0 for a provisional report. */
  version: number;
  provisional: boolean;
  /** Why this version was made (amendments). */
  reason: string | null;
  generatedAt: string;
  client: { slug: string; name: string; plan: string };
  /** YYYY-MM, in `zone`. */
  month: string;
  zone: string;
  availability: { availability: number | null; target: number; met: boolean | null };
  backups: {
    policy: { baseBackupEveryHours: number };
    baseBackups: { status: 'running' | 'done' | 'failed' | 'expired' }[];
    cadence: { longestGapHours: number | null };
    met: boolean | null;
  };
  /** Durations in seconds. */
  dataLoss: { limitSeconds: number; worstSeconds: number | null; met: boolean | null };
  restore: { limitSeconds: number; drills: unknown[]; worstSeconds: number | null; met: boolean | null };
  support: { rows: ComplianceRow[]; met: boolean | null };
}

export interface SlaReportResponse {
  report: SlaReport;
}

/** An archived version of a month's report (`GET /api/clients/:key/reports/sla`). */
export interface ReportVersion {
  month: string;
  version: number;
  /** Null for the version archived when the month closed. */
  reason: string | null;
  createdBy: string;
  createdAt: string;
}

export interface ReportVersionsResponse {
  reports: ReportVersion[];
}

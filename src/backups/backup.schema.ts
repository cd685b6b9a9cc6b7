import { z } from 'zod';

export const tags = ['backups'];
export const clientKey = z.object({ key: z.string().min(1).max(100) });

export const archiveStatus = z.object({
  targets: z.array(z.string()),
  latestSegment: z.string().nullable(),
  latestArchivedAt: z.date().nullable(),
  latestCompleteAt: z.date().nullable(),
  lagSeconds: z.number().nullable(),
  segmentsMissingCopies: z.number(),
  missingByTarget: z.record(z.string(), z.number()),
});

export const baseBackup = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed', 'expired']),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  expiredAt: z.date().nullable(),
  verifiedAt: z.date().nullable(),
  verifiedOk: z.boolean().nullable(),
  startLsn: z.string().nullable(),
  stopLsn: z.string().nullable(),
  files: z.number().nullable(),
  plainBytes: z.number().nullable(),
  storedBytes: z.number().nullable(),
  targets: z.array(z.string()),
  missing: z.array(z.string()),
  error: z.string().nullable(),
});

export const recoverableWindow = z.object({
  earliest: z.date().nullable(),
  latest: z.date().nullable(),
  weeklyPoints: z.array(z.object({ backupId: z.string(), at: z.date() })),
});

export const backupPolicy = z.object({
  baseBackupEveryHours: z.number(),
  weeklyBackupsKept: z.number(),
  pitrDays: z.number(),
  custom: z.boolean(),
});

export const backupPolicyChange = z
  .object({
    baseBackupEveryHours: z.number().int().min(1).max(744).optional(),
    weeklyBackupsKept: z.number().int().min(1).max(520).optional(),
    pitrDays: z.number().int().min(1).max(366).optional(),
    reset: z.literal(true).optional(),
  })
  .strict();

export const verifyReport = z.object({
  checkedObjects: z.number(),
  problems: z.array(
    z.object({
      target: z.string(),
      object: z.string(),
      problem: z.enum(['missing', 'corrupt', 'unreadable']),
    }),
  ),
  walGaps: z.array(z.string()),
  ok: z.boolean(),
});

export const drill = z.object({
  at: z.date().optional(),
  ok: z.boolean(),
  baseBackupId: z.string().nullable(),
  durationMs: z.number().nullable(),
  recoveredUpTo: z.date().nullable(),
  tables: z.number().nullable(),
  error: z.string().nullable(),
  dataLossWindowSeconds: z.number().nullable(),
});

export const restoreRun = z.object({
  id: z.string(),
  mode: z.enum(['switch', 'in_place']),
  status: z.enum(['running', 'done', 'failed']),
  phase: z.enum(['downloading', 'replaying', 'switching', 'done', 'failed']),
  targetTime: z.date().nullable(),
  baseBackupId: z.string().nullable(),
  bytesDone: z.number(),
  bytesTotal: z.number().nullable(),
  startedAt: z.date(),
  updatedAt: z.date(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
  recoveredUpTo: z.date().nullable(),
  previousDataDir: z.string().nullable(),
  previousKeptUntil: z.date().nullable(),
  previousRemovedAt: z.date().nullable(),
  error: z.string().nullable(),
});

export const restoreRequest = z
  .object({
    to: z.iso
      .datetime({ offset: true, error: 'to must be an ISO-8601 instant, e.g. 2026-11-29T10:15:00Z' })
      .optional(),
    backupId: z.uuid({ error: 'backupId must be a backup id from the backup list' }).optional(),
    inPlace: z.boolean().optional(),
    /** In place only: the client's slug, typed again. */
    confirm: z.string().max(100).optional(),
  })
  .strict();

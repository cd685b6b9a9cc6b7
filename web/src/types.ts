/** Shapes of the JSON bodies returned by the Oxygis Cloud HTTP API. */

export type AccountKind = 'staff' | 'client_admin' | 'client_user';
export type AccountStatus = 'invited' | 'active' | 'disabled';
export type Right = 'tickets' | 'backups' | 'reports' | 'database_credentials';
/** What an invitation makes of the new account (staff roles, or a kind of client account). */
export type Role = 'operator' | 'support_agent' | 'client_admin' | 'client_user';

/** The signed-in account, as `GET /api/auth/session` describes it. */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  kind: AccountKind;
  roles: string[];
  clientId: string | null;
  clientSlug: string | null;
  status: AccountStatus;
  rights: Right[];
  mfa: {
    enabled: boolean;
    /** Policy (the client's or the staff's) asks for a second factor. */
    required: boolean;
  };
}

export interface SessionResponse {
  account: Account;
}

/** Any account, as the user administration lists it. */
export interface AccountDetails {
  id: string;
  email: string;
  displayName: string;
  kind: AccountKind;
  roles: string[];
  clientId: string | null;
  clientSlug: string | null;
  status: AccountStatus;
  rights: Right[];
  mfaEnabled: boolean;
  createdAt: string;
}

export interface AccountsResponse {
  accounts: AccountDetails[];
}

export interface AccountResponse {
  account: AccountDetails;
}

export type Plan = 'standard' | 'premium';
export type ClientStatus = 'active' | 'suspended' | 'deleting';
export type InstanceStatus = 'provisioning' | 'running' | 'stopped' | 'suspended' | 'failed' | 'deleting';

export interface ClientContact {
  name: string;
  email: string;
  phone?: string;
}

/** A client's dedicated PostgreSQL instance; the URI carries no password. */
export interface ClientInstance {
  status: InstanceStatus;
  running: boolean;
  host: string;
  port: number;
  database: string;
  /** The owner role of the client's database. */
  user: string;
  uri: string;
  /** Path of the CA certificate (on the platform's host) that clients verify the server with. */
  caFile: string;
  /** Measured only when one client is shown (null in lists, or when it cannot be measured). */
  diskUsageBytes: number | null;
}

export interface Client {
  id: string;
  name: string;
  slug: string;
  plan: Plan;
  status: ClientStatus;
  contacts: ClientContact[];
  requireMfa: boolean;
  /** Set while the client is being deleted: when it is removed for good. */
  deleteAfter: string | null;
  createdAt: string;
  instance: ClientInstance | null;
}

export interface ClientsResponse {
  clients: Client[];
}

export interface ClientResponse {
  client: Client;
}

/** How to connect to a database. `password` is only in the answer that created or changed it. */
export interface ConnectionDetails {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** postgresql://… URI, with the password when there is one. */
  uri: string;
  caFile: string;
}

export interface CreatedClientResponse {
  client: Client;
  connection: ConnectionDetails;
}

export interface InstanceEvent {
  at: string;
  kind: string;
  detail: Record<string, unknown>;
}

export interface InstanceEventsResponse {
  events: InstanceEvent[];
}

export type CredentialMode = 'read_only' | 'read_write';

/** A person's own login role on the client's database (never with its password). */
export interface DatabaseCredential {
  id: string;
  accountEmail: string;
  roleName: string;
  mode: CredentialMode;
  createdAt: string;
  rotatedAt: string | null;
}

export interface CredentialsResponse {
  credentials: DatabaseCredential[];
}

export interface CredentialConnectionResponse {
  credential: DatabaseCredential;
  connection: ConnectionDetails;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorEmail: string | null;
  clientSlug: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditResponse {
  events: AuditEvent[];
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokensResponse {
  tokens: ApiToken[];
}

export interface MfaEnrollment {
  secret: string;
  otpauthUri: string;
  /** An SVG document. */
  qrSvg: string;
}

export interface RecoveryCodesResponse {
  recoveryCodes: string[];
}

export interface MessageResponse {
  message: string;
}

export interface SetupState {
  needed: boolean;
}

export interface PlatformStatus {
  version: string;
  startedAt: string;
  uptimeSeconds: number;
  database: {
    mode: 'embedded' | 'external';
    ready: boolean;
    serverVersion: string;
  };
  jobs: {
    running: boolean;
  };
}

export type BaseBackupStatus = 'running' | 'done' | 'failed' | 'expired';

/** A base backup of a client's database; `targets` hold a copy, `missing` should but do not. */
export interface BaseBackup {
  id: string;
  status: BaseBackupStatus;
  startedAt: string;
  finishedAt: string | null;
  /** When retention removed it from the targets. */
  expiredAt: string | null;
  /** When its copies were last re-read and checked, and whether they were all intact. */
  verifiedAt: string | null;
  verifiedOk: boolean | null;
  startLsn: string | null;
  stopLsn: string | null;
  files: number | null;
  plainBytes: number | null;
  storedBytes: number | null;
  targets: string[];
  missing: string[];
  error: string | null;
}

/** What can be restored: every instant from `earliest` to `latest`, and older weekly backups. */
export interface RecoverableWindow {
  /** Null while nothing can be restored yet (no base backup). */
  earliest: string | null;
  latest: string | null;
  weeklyPoints: { backupId: string; at: string }[];
}

/** A client's backup cadence and retention. */
export interface BackupPolicy {
  baseBackupEveryHours: number;
  weeklyBackupsKept: number;
  pitrDays: number;
  /** False while the client follows the platform defaults. */
  custom: boolean;
}

export type BackupPolicyChange = Partial<Omit<BackupPolicy, 'custom'>> & { reset?: true };

/** `GET /api/clients/:key/backups`: the client's backup catalogue. */
export interface BaseBackupsResponse {
  backups: BaseBackup[];
  window: RecoverableWindow;
  policy: BackupPolicy;
}

export interface BaseBackupResponse {
  backup: BaseBackup;
}

/** Every backup object re-read on every target: checksums and WAL continuity. */
export interface VerifyReport {
  checkedObjects: number;
  problems: { target: string; object: string; problem: 'missing' | 'corrupt' | 'unreadable' }[];
  walGaps: string[];
  ok: boolean;
}

/** A restore drill: the latest state restored into a scratch instance, checked and removed. */
export interface RestoreDrill {
  at?: string;
  ok: boolean;
  baseBackupId: string | null;
  durationMs: number | null;
  recoveredUpTo: string | null;
  tables: number | null;
  error: string | null;
}

export interface RestoreDrillsResponse {
  drills: RestoreDrill[];
}

export type RestoreMode = 'switch' | 'in_place';
export type RestoreStatus = 'running' | 'done' | 'failed';
export type RestorePhase = 'downloading' | 'replaying' | 'switching' | 'done' | 'failed';

/** A restore of a client's database, followed while it runs. */
export interface RestoreRun {
  id: string;
  mode: RestoreMode;
  status: RestoreStatus;
  phase: RestorePhase;
  /** The instant asked for; null for the latest state or a whole base backup. */
  targetTime: string | null;
  baseBackupId: string | null;
  bytesDone: number;
  bytesTotal: number | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  recoveredUpTo: string | null;
  /** Where the replaced data is kept (not in place), until when, and when it was removed. */
  previousDataDir: string | null;
  previousKeptUntil: string | null;
  previousRemovedAt: string | null;
  error: string | null;
}

/** `POST /api/clients/:key/restores`: no time and no backup restores the latest state. */
export interface RestoreRequest {
  to?: string;
  backupId?: string;
  inPlace?: boolean;
  /** In place only: the client's slug, typed again. */
  confirm?: string;
}

export interface RestoreResponse {
  restore: RestoreRun;
}

export interface RestoresResponse {
  restores: RestoreRun[];
}

/** Continuous WAL archiving of a client's database. */
export interface ArchiveStatus {
  targets: string[];
  latestSegment: string | null;
  latestArchivedAt: string | null;
  /** When the newest segment stored on every target was archived. */
  latestCompleteAt: string | null;
  /** Seconds since then; null when nothing is archived on every target yet. */
  lagSeconds: number | null;
  segmentsMissingCopies: number;
  /** Segments each target still lacks; targets missing none are absent. */
  missingByTarget: Record<string, number>;
}

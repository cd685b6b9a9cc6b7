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

export type BaseBackupStatus = 'running' | 'done' | 'failed';

/** A base backup of a client's database; `targets` hold a copy, `missing` should but do not. */
export interface BaseBackup {
  id: string;
  status: BaseBackupStatus;
  startedAt: string;
  finishedAt: string | null;
  startLsn: string | null;
  stopLsn: string | null;
  files: number | null;
  plainBytes: number | null;
  storedBytes: number | null;
  targets: string[];
  missing: string[];
  error: string | null;
}

export interface BaseBackupsResponse {
  backups: BaseBackup[];
}

export interface BaseBackupResponse {
  backup: BaseBackup;
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
}

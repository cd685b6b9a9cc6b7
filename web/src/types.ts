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

export interface Client {
  id: string;
  name: string;
  slug: string;
  requireMfa: boolean;
  createdAt: string;
}

export interface ClientsResponse {
  clients: Client[];
}

export interface ClientResponse {
  client: Client;
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

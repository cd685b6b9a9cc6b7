/** Shapes of the JSON bodies returned by the Oxygis Cloud HTTP API. */

export type AccountKind = 'staff' | 'client_admin' | 'client_user';

export interface Account {
  id: string;
  email: string;
  displayName: string;
  kind: AccountKind;
  roles: string[];
}

export interface SessionResponse {
  account: Account;
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

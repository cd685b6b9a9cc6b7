/**
 * What the console shows to whom. The server decides what is allowed; these only keep the
 * console from offering what would be refused.
 */
import type { AccountKind, Right, Role } from './types';

interface Who {
  kind: AccountKind;
  roles: readonly string[];
}

export const RIGHTS: readonly Right[] = ['tickets', 'backups', 'reports', 'database_credentials'];

export const rightLabels: Record<Right, string> = {
  tickets: 'Tickets',
  backups: 'Backups',
  reports: 'Reports',
  database_credentials: 'Database credentials',
};

export const roleLabels: Record<Role, string> = {
  operator: 'Operator',
  support_agent: 'Support agent',
  client_admin: 'Client administrator',
  client_user: 'Client user',
};

export const isStaff = (who: Who): boolean => who.kind === 'staff';

export const isOperator = (who: Who): boolean => who.kind === 'staff' && who.roles.includes('operator');

/** Staff see every client's users; a client administrator its own client's. */
export const canSeeUsers = (who: Who): boolean => who.kind === 'staff' || who.kind === 'client_admin';

/** The audit log: staff all of it, a client administrator its client's part. */
export const canReadAudit = canSeeUsers;

/** Operators administer every account; a client administrator its client's users. */
export const canAdministerUsers = (who: Who): boolean => isOperator(who) || who.kind === 'client_admin';

/** Grant and revoke personal database logins: operators, and a client's administrators. */
export const canManageCredentials = (who: Who): boolean => isOperator(who) || who.kind === 'client_admin';

/** Personal database logins: those who manage them, and a client user with the right (its own). */
export function canSeeCredentials(who: Who & { rights: readonly Right[] }): boolean {
  if (canManageCredentials(who)) return true;
  return who.kind === 'client_user' && who.rights.includes('database_credentials');
}

/** A client's backups: staff, its administrators, and its users with the backups right. */
export function canSeeBackups(who: Who & { rights: readonly Right[] }): boolean {
  if (who.kind === 'staff' || who.kind === 'client_admin') return true;
  return who.rights.includes('backups');
}

/** A client's monthly SLA reports: staff, its administrators, and its users with the reports right. */
export function canSeeReports(who: Who & { rights: readonly Right[] }): boolean {
  if (who.kind === 'staff' || who.kind === 'client_admin') return true;
  return who.rights.includes('reports');
}

/** A new version of a closed month's report (an amendment, with its reason): operators only. */
export const canAmendReports = isOperator;

/** The helpdesk: staff (the agents' queue), a client's administrators, and its users with the tickets right. */
export function canUseHelpdesk(who: Who & { rights: readonly Right[] }): boolean {
  if (who.kind === 'staff' || who.kind === 'client_admin') return true;
  return who.rights.includes('tickets');
}

/** The duty roster and the escalation chain: staff read them; operators change them. */
export const canEditDutyRoster = isOperator;

/** An absence from duty is recorded and removed by operators, or by the person concerned. */
export function canManageAbsenceOf(who: Who & { email: string }, email: string): boolean {
  return isOperator(who) || (isStaff(who) && who.email.toLowerCase() === email.toLowerCase());
}

/**
 * The page of a client: staff for every client; every account of a client for its own (its
 * availability is for all of them; credentials, backups and reports sections follow the rights).
 */
export function canOpenClientPage(_who: Who & { rights: readonly Right[] }): boolean {
  // Every account of a client sees its availability; the other sections follow the rights.
  return true;
}

/** Take a base backup now, run a restore drill, verify the copies: operators and a client's administrators. */
export const canTakeBackups = (who: Who): boolean => isOperator(who) || who.kind === 'client_admin';

/** Restore the client's database and keep (confirm) a restore: operators and its administrators. */
export const canRestoreBackups = canTakeBackups;

/** A client's backup cadence and retention are changed by operators only. */
export const canChangeBackupPolicy = isOperator;

/** A client's service options (the catalogue and the client's state of each): staff and its administrators. */
export const canSeeOptions = (who: Who): boolean => who.kind === 'staff' || who.kind === 'client_admin';

/** Request an option for a client: its administrators, and operators (support agents are refused). */
export const canRequestOptions = (who: Who): boolean => isOperator(who) || who.kind === 'client_admin';

/** A client's purchase order for its options: the same people as those who request them. */
export const canSeePurchaseOrder = canRequestOptions;

/** Approve, reject or deactivate a client's option, and price the catalogue: operators only. */
export const canDecideOptions = isOperator;

/** Where the rights of a client's users are changed. */
export function usersPagePath(who: Who, clientSlug: string): string {
  return who.kind === 'staff' ? `/users?client=${encodeURIComponent(clientSlug)}` : '/users';
}

export function roleOf(who: Who): string {
  if (who.kind === 'client_admin') return roleLabels.client_admin;
  if (who.kind === 'client_user') return roleLabels.client_user;
  if (who.roles.includes('operator')) return roleLabels.operator;
  if (who.roles.includes('support_agent')) return roleLabels.support_agent;
  return 'Staff';
}

/** Until this account sets up a second factor, the server refuses everything else. */
export function mustEnrollMfa(account: { mfa: { enabled: boolean; required: boolean } }): boolean {
  return account.mfa.required && !account.mfa.enabled;
}

import { forbidden, notFound } from '../server/errors.js';
import type { Account } from './account.repository.js';

/**
 * Who may do what, in one place, enforced by the services (never only hidden in the UI).
 * Anything of another client answers "not found": a client cannot even learn that it exists.
 */

/** Who is acting, and from where (for the audit log). */
export interface Actor {
  account: Account;
  ip: string | null;
}

export const STAFF_ROLES = ['operator', 'support_agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const RIGHTS = ['tickets', 'backups', 'reports', 'database_credentials'] as const;
export type Right = (typeof RIGHTS)[number];

export function isStaff(account: Account): boolean {
  return account.kind === 'staff';
}

/** Hosting-team only; `message` says what, in the caller's words. */
export function assertStaff(account: Account, message: string): void {
  if (!isStaff(account)) throw forbidden('staff_only', message);
}

export function isOperator(account: Account): boolean {
  return account.kind === 'staff' && account.roles.includes('operator');
}

export function assertOperator(account: Account): void {
  if (!isOperator(account))
    throw forbidden('operator_only', 'only an operator of the hosting team can do this');
}

/** Staff see every client; client accounts see their own client only. */
export function canSeeClient(account: Account, clientId: string): boolean {
  return isStaff(account) || account.clientId === clientId;
}

export function assertCanSeeClient(account: Account, clientId: string): void {
  if (!canSeeClient(account, clientId)) throw clientNotFound();
}

/** Operators administer every client; a client administrator only its own. */
export function canAdministerClient(account: Account, clientId: string): boolean {
  return isOperator(account) || (account.kind === 'client_admin' && account.clientId === clientId);
}

export function assertCanAdministerClient(account: Account, clientId: string): void {
  if (!canSeeClient(account, clientId)) throw clientNotFound();
  if (!canAdministerClient(account, clientId)) {
    throw forbidden('not_client_admin', "only the client's administrators (or an operator) can do this");
  }
}

/**
 * Staff and the client's administrators hold every right over the client; a client user only
 * the rights granted to it. Another client's resources do not exist for the caller (404).
 */
export function hasClientRight(
  account: Account,
  rights: readonly string[],
  clientId: string,
  right: Right,
): boolean {
  if (!canSeeClient(account, clientId)) return false;
  return account.kind !== 'client_user' || rights.includes(right);
}

export function assertClientRight(
  account: Account,
  rights: readonly string[],
  clientId: string,
  right: Right,
): void {
  if (!canSeeClient(account, clientId)) throw clientNotFound();
  if (!hasClientRight(account, rights, clientId, right))
    throw forbidden('right_missing', `this needs the "${right}" right; ask your client administrator`);
}

export function clientNotFound(): Error {
  return notFound('client_not_found', 'there is no such client; check the slug with `oxygis tenant list`');
}

import type { ComponentType } from 'react';
import { canReadAudit, canSeeUsers, isStaff } from './access';
import { AuditPage } from './pages/audit/AuditPage';
import { ClientsPage } from './pages/clients/ClientsPage';
import { OverviewPage } from './pages/OverviewPage';
import { ProfilePage } from './pages/profile/ProfilePage';
import { UsersPage } from './pages/users/UsersPage';
import type { Account } from './types';

export interface AppRoute {
  path: string;
  /** Text of the entry in the left navigation. */
  label: string;
  page: ComponentType;
  /** Whether this account gets the page (and its navigation entry); others get "not found". */
  visibleTo: (account: Account) => boolean;
}

const everyone = () => true;

/**
 * Pages of the signed-in console. Each entry is a route and an entry of the left
 * navigation, in this order. Add new console pages here.
 */
export const appRoutes: readonly AppRoute[] = [
  { path: '/', label: 'Overview', page: OverviewPage, visibleTo: everyone },
  { path: '/clients', label: 'Clients', page: ClientsPage, visibleTo: isStaff },
  { path: '/users', label: 'Users', page: UsersPage, visibleTo: canSeeUsers },
  { path: '/audit', label: 'Audit log', page: AuditPage, visibleTo: canReadAudit },
  { path: '/profile', label: 'Profile', page: ProfilePage, visibleTo: everyone },
];

export function routesFor(account: Account): AppRoute[] {
  return appRoutes.filter((route) => route.visibleTo(account));
}

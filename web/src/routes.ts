import type { ComponentType } from 'react';
import { canOpenClientPage, canReadAudit, canSeeUsers, canUseHelpdesk, isStaff } from './access';
import { AuditPage } from './pages/audit/AuditPage';
import { ClientPage } from './pages/client/ClientPage';
import { ClientsPage } from './pages/clients/ClientsPage';
import { CompliancePage } from './pages/compliance/CompliancePage';
import { TicketPage } from './pages/helpdesk/TicketPage';
import { TicketsPage } from './pages/helpdesk/TicketsPage';
import { IncidentPage } from './pages/incidents/IncidentPage';
import { IncidentsPage } from './pages/incidents/IncidentsPage';
import { ForceMajeurePage } from './pages/maintenance/ForceMajeurePage';
import { MaintenancePage } from './pages/maintenance/MaintenancePage';
import { OptionsPage } from './pages/options/OptionsPage';
import { OverviewPage } from './pages/OverviewPage';
import { ProfilePage } from './pages/profile/ProfilePage';
import { ResponsibilityPage } from './pages/responsibility/ResponsibilityPage';
import { DutyRosterPage } from './pages/roster/DutyRosterPage';
import { EscalationPage } from './pages/roster/EscalationPage';
import { UsersPage } from './pages/users/UsersPage';
import { matchPath, type RouteParams } from './router';
import type { Account } from './types';

export interface AppRoute {
  /** The address, or a pattern with `:name` parameters (read them with `useRouteParam`). */
  path: string;
  /** Text of the entry in the left navigation. */
  label: string;
  page: ComponentType;
  /** Whether this account gets the page (and its navigation entry); others get "not found". */
  visibleTo: (account: Account) => boolean;
  /**
   * Where the navigation entry leads this account; null for no entry. Without it the entry
   * leads to `path` (routes with parameters then have no entry).
   */
  navTo?: (account: Account) => string | null;
}

export interface NavEntry {
  label: string;
  to: string;
}

const everyone = () => true;

/** A client's people who may file tickets get the helpdesk as "Support"; staff as "Helpdesk". */
const clientSupport = (account: Account): boolean => !isStaff(account) && canUseHelpdesk(account);

/** Staff reach a client's page from the Clients list; a client's people get it in the navigation. */
const ownClientPage = (account: Account): string | null =>
  account.kind === 'staff' || account.clientSlug === null
    ? null
    : `/clients/${encodeURIComponent(account.clientSlug)}`;

/**
 * Pages of the signed-in console. Each entry is a route and an entry of the left
 * navigation, in this order. Add new console pages here.
 */
export const appRoutes: readonly AppRoute[] = [
  { path: '/', label: 'Overview', page: OverviewPage, visibleTo: everyone },
  { path: '/clients', label: 'Clients', page: ClientsPage, visibleTo: isStaff },
  {
    path: '/clients/:slug',
    label: 'Database',
    page: ClientPage,
    visibleTo: canOpenClientPage,
    navTo: ownClientPage,
  },
  { path: '/tickets', label: 'Helpdesk', page: TicketsPage, visibleTo: isStaff },
  { path: '/helpdesk/roster', label: 'Duty roster', page: DutyRosterPage, visibleTo: isStaff },
  // Reached from the duty roster's page.
  {
    path: '/helpdesk/escalation',
    label: 'Escalation chain',
    page: EscalationPage,
    visibleTo: isStaff,
    navTo: () => null,
  },
  { path: '/tickets', label: 'Support', page: TicketsPage, visibleTo: clientSupport },
  { path: '/tickets/:number', label: 'Ticket', page: TicketPage, visibleTo: canUseHelpdesk },
  {
    path: '/helpdesk/compliance',
    label: 'Response targets',
    page: CompliancePage,
    visibleTo: canUseHelpdesk,
  },
  { path: '/incidents', label: 'Incidents', page: IncidentsPage, visibleTo: isStaff },
  { path: '/incidents/:id', label: 'Incident', page: IncidentPage, visibleTo: isStaff },
  { path: '/maintenance', label: 'Maintenance', page: MaintenancePage, visibleTo: isStaff },
  { path: '/force-majeure', label: 'Force majeure', page: ForceMajeurePage, visibleTo: isStaff },
  { path: '/options', label: 'Service options', page: OptionsPage, visibleTo: isStaff },
  { path: '/users', label: 'Users', page: UsersPage, visibleTo: canSeeUsers },
  { path: '/audit', label: 'Audit log', page: AuditPage, visibleTo: canReadAudit },
  { path: '/responsibility', label: 'Responsibilities', page: ResponsibilityPage, visibleTo: everyone },
  { path: '/profile', label: 'Profile', page: ProfilePage, visibleTo: everyone },
];

export function routesFor(account: Account): AppRoute[] {
  return appRoutes.filter((route) => route.visibleTo(account));
}

/** The entries of the left navigation for this account. */
export function navEntriesFor(account: Account): NavEntry[] {
  return routesFor(account).flatMap((route) => {
    const to = route.navTo ? route.navTo(account) : route.path.includes(':') ? null : route.path;
    return to === null ? [] : [{ label: route.label, to }];
  });
}

/** The route of this address that this account gets, with its parameters. */
export function matchRoute(
  account: Account,
  pathname: string,
): { route: AppRoute; params: RouteParams } | undefined {
  for (const route of routesFor(account)) {
    const params = matchPath(route.path, pathname);
    if (params !== null) return { route, params };
  }
  return undefined;
}

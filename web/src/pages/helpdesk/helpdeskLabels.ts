/** Words the console uses for the helpdesk's values. */
import { outcomeLabels } from '../roster/escalationWords';
import type { ClockEventKind, Criticality, TicketChannel, TicketEscalation, TicketStatus } from './types';

export const CRITICALITIES: readonly Criticality[] = ['critical', 'major', 'minor'];

export const criticalityLabels: Record<Criticality, string> = {
  critical: 'Critical',
  major: 'Major',
  minor: 'Minor',
};

/** What each criticality means in the service level agreement, and its response target. */
export const criticalityMeanings: Record<Criticality, string> = {
  critical:
    'the application is inaccessible or unavailable to all users (the agreement prints this level as “Review”); response within 8 working hours',
  major: 'a major malfunction, with a major impact on some functions; response within 2 working days',
  minor: 'a discomfort or a non-blocking fault; response within 5 working days',
};

export const TICKET_STATUSES: readonly TicketStatus[] = ['open', 'waiting', 'resolved', 'closed'];

export const ticketStatusLabels: Record<TicketStatus, string> = {
  open: 'Open',
  waiting: 'Waiting for the client',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** On a ticket, a step passes a notice on only when it has nobody to reach. */
export const escalationOutcomeLabels: Record<TicketEscalation['outcome'], string> = {
  notified: outcomeLabels.notified,
  passed_on: `${outcomeLabels.passed_on}: nobody to reach`,
};

export const CHANNELS: readonly TicketChannel[] = ['portal', 'email', 'phone'];

export const channelLabels: Record<TicketChannel, string> = {
  portal: 'Portal',
  email: 'E-mail',
  phone: 'Phone',
};

export const clockEventLabels: Record<ClockEventKind, string> = {
  started: 'Clock started',
  retargeted: 'Re-targeted',
  warning: 'Warning',
  responded: 'Responded',
  breached: 'Target missed',
};

/** Finds the criticality a form control's string names. */
export function criticalityOf(value: string): Criticality | undefined {
  return CRITICALITIES.find((candidate) => candidate === value);
}

/** Finds the status a form control's string names. */
export function ticketStatusOf(value: string): TicketStatus | undefined {
  return TICKET_STATUSES.find((candidate) => candidate === value);
}

/** Finds the channel a form control's string names. */
export function channelOf(value: string): TicketChannel | undefined {
  return CHANNELS.find((candidate) => candidate === value);
}

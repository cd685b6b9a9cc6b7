/** Shapes of the helpdesk API's answers (`/api/tickets`). Instants are ISO 8601 strings. */
import type { EscalationRecord } from '../roster/types';

export type Criticality = 'critical' | 'major' | 'minor';
export type TicketStatus = 'open' | 'waiting' | 'resolved' | 'closed';
export type TicketChannel = 'portal' | 'email' | 'phone';
export type ClockEventKind = 'started' | 'retargeted' | 'warning' | 'responded' | 'breached';

/** A ticket as the lists give it (`GET /api/tickets`). */
export interface Ticket {
  id: string;
  number: number;
  clientId: string;
  clientSlug: string;
  requesterEmail: string;
  subject: string;
  criticality: Criticality;
  status: TicketStatus;
  channel: TicketChannel;
  /** The agent's e-mail address. */
  assignee: string | null;
  /** When the ticket was received: the clock starts then. */
  receivedAt: string;
  responseDueAt: string;
  respondedAt: string | null;
  createdAt: string;
  /** The response came (or, until it does, now is) after the due instant. */
  breached: boolean;
  /** Null once responded. */
  timeLeftMs: number | null;
}

/** Why a local day of the calendar counted nothing. */
export type ClosedReason =
  { kind: 'weekend' } | { kind: 'holiday'; name: string } | { kind: 'closure'; reason: string };

/** A local day from the reception to the due date, with the working time it counted. */
export interface CountedDay {
  /** YYYY-MM-DD in the calendar's zone. */
  date: string;
  countedMs: number;
  closed: ClosedReason | null;
}

export interface TicketMessage {
  id: string;
  at: string;
  /** The author's e-mail address. */
  author: string;
  fromStaff: boolean;
  /** Internal notes are only ever sent to staff. */
  visibility: 'public' | 'internal';
  channel: TicketChannel;
  body: string;
}

/** An entry of the append-only timeline of the response clock. */
export interface ClockEvent {
  at: string;
  kind: ClockEventKind;
  criticality: Criticality;
  dueAt: string;
  /** started/retargeted: `explanation` (and `from`); warning: `percent`; responded: `how`, `met`. */
  detail: Record<string, unknown>;
}

/** One ticket (`GET /api/tickets/:key`): its thread, clock and deadline in words. */
export interface TicketDetails extends Ticket {
  explanation: {
    /** E.g. "critical: 8 working hours; received Fri 16:30 → 0:30 counted Friday; … → due Mon 16:30". */
    sentence: string;
    days: CountedDay[];
    /** The calendar's IANA zone, which the sentence's times are in. */
    zone: string;
  };
  warnings: { percent: number; at: string }[];
  messages: TicketMessage[];
  clock: ClockEvent[];
  /** Staff only (absent for clients): who the escalation chain told of this ticket, oldest first. */
  escalations?: TicketEscalation[];
}

/** A step taken along the escalation chain for one ticket; position 0 is the operators. */
export type TicketEscalation = Pick<
  EscalationRecord,
  'at' | 'trigger' | 'position' | 'step' | 'outcome' | 'recipients'
>;

export interface TicketsResponse {
  tickets: Ticket[];
}

export interface TicketResponse {
  ticket: TicketDetails;
}

/** `POST /api/tickets`: a client files on the portal; staff also log e-mails and calls. */
export interface NewTicketRequest {
  client: string;
  subject: string;
  body?: string;
  criticality: Criticality;
  channel: TicketChannel;
  /** Staff, for a call: when it was received (ISO 8601 with a zone). */
  receivedAt?: string;
  requesterEmail?: string;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  at: string;
  uploadedBy: string;
}

export interface AttachmentsResponse {
  attachments: Attachment[];
}

/** Shapes of the duty roster and escalation chain API's answers (`/api/helpdesk/…`). */
import type { ClosedReason } from '../helpdesk/types';

/** Someone put on duty on a day; `absent` when away that day (or no longer active). */
export interface DutyPerson {
  slot: number;
  email: string;
  absent: boolean;
}

/** A local day of the business calendar and who is on duty (`GET /api/helpdesk/roster`). */
export interface DutyDay {
  /** YYYY-MM-DD in the business calendar's zone. */
  date: string;
  /** Others need nobody on duty. */
  working: boolean;
  closed: ClosedReason | null;
  people: DutyPerson[];
  /** Who is really there: put on duty and not absent. */
  onDuty: string[];
  /** Two people are on duty, or it is not a working day. */
  covered: boolean;
}

export interface Absence {
  id: string;
  email: string;
  /** First and last day away, YYYY-MM-DD. */
  from: string;
  to: string;
  reason: string;
}

export interface RosterResponse {
  days: DutyDay[];
  absences: Absence[];
}

/** `PUT /api/helpdesk/roster`: the days of the range, as they are now. */
export interface AssignResponse {
  days: DutyDay[];
}

/** `PUT /api/helpdesk/roster` (operators): up to two people on every working day of the range. */
export interface AssignRequest {
  from: string;
  to?: string;
  people: string[];
}

export interface AbsenceRequest {
  email: string;
  from: string;
  to: string;
  reason: string;
}

export type EscalationTrigger =
  'new_ticket' | 'warning_50' | 'warning_75' | 'warning_90' | 'breach' | 'no_duty' | 'alert';

/** The on-duty pair of the day, or a team of fixed members. */
export type StepKind = 'duty_pair' | 'team';

export interface EscalationStep {
  position: number;
  name: string;
  kind: StepKind;
  members: string[];
  triggers: EscalationTrigger[];
}

/** A step taken along the chain; position 0 is the operators, told at the end of the chain. */
export interface EscalationRecord {
  at: string;
  trigger: EscalationTrigger;
  position: number;
  step: string;
  outcome: 'notified' | 'passed_on';
  recipients: string[];
  /** no_duty: the day without anyone on duty. */
  dutyDate: string | null;
  subject: string;
  /** The ticket's number, when it is about one. */
  ticket: number | null;
}

export interface EscalationResponse {
  steps: EscalationStep[];
  /** The latest first (up to 100). */
  records: EscalationRecord[];
}

/** `PUT /api/helpdesk/escalation` (operators): the whole chain, in order. */
export interface ChainRequest {
  steps: { name: string; kind: StepKind; members: string[]; triggers: EscalationTrigger[] }[];
}

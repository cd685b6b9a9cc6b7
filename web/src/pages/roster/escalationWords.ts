/** Words the console uses for the escalation chain's values. */
import type { EscalationRecord, EscalationTrigger, StepKind } from './types';

export const TRIGGERS: readonly EscalationTrigger[] = [
  'new_ticket',
  'warning_50',
  'warning_75',
  'warning_90',
  'breach',
  'no_duty',
  'alert',
];

/** What a step is told of. */
export const triggerLabels: Record<EscalationTrigger, string> = {
  new_ticket: 'a new ticket',
  warning_50: '50 % of the response time used',
  warning_75: '75 % of the response time used',
  warning_90: '90 % of the response time used',
  breach: 'response target missed',
  no_duty: 'a working day without anyone on duty',
  alert: 'a platform alert',
};

export const STEP_KINDS: readonly StepKind[] = ['duty_pair', 'team'];

export const stepKindLabels: Record<StepKind, string> = {
  duty_pair: 'The people on duty that day',
  team: 'A team (its members)',
};

export const outcomeLabels: Record<EscalationRecord['outcome'], string> = {
  notified: 'Notified',
  passed_on: 'Passed on',
};

/** "a new ticket, a platform alert" in the chain's order of triggers. */
export function triggersText(triggers: readonly EscalationTrigger[]): string {
  return TRIGGERS.filter((trigger) => triggers.includes(trigger))
    .map((trigger) => triggerLabels[trigger])
    .join('; ');
}

/** Finds the kind of step a form control's string names. */
export function stepKindOf(value: string): StepKind | undefined {
  return STEP_KINDS.find((candidate) => candidate === value);
}

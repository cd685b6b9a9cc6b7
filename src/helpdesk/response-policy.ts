import { z } from 'zod';
import type { BusinessCalendar } from './business-calendar.js';
import {
  explainDeadline,
  thresholdInstant,
  workingTimeBetween,
  type DeadlineExplanation,
} from './working-time.js';

/*
 * First-response targets per criticality, in working time. A "working day" target means
 * `hoursPerWorkingDay` working hours (8 by default), never a calendar day: major = 2 working
 * days = 16 working hours, minor = 5 working days = 40 working hours, critical = 8 working hours.
 */

export const CRITICALITIES = ['critical', 'major', 'minor'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** The SLA warnings fire when these shares of the target have been counted. */
export const WARNING_PERCENTS = [50, 75, 90] as const;

const HOUR_MS = 3_600_000;

const target = z.strictObject({
  amount: z.number().positive({ error: 'a target amount is a positive number' }).max(1000),
  unit: z.enum(['working_hours', 'working_days'], {
    error: 'a target unit is working_hours or working_days',
  }),
});

export const responsePolicySchema = z.strictObject({
  hoursPerWorkingDay: z
    .number()
    .positive({ error: 'hoursPerWorkingDay is a positive number of hours' })
    .max(24)
    .default(8),
  targets: z.strictObject({ critical: target, major: target, minor: target }).default({
    critical: { amount: 8, unit: 'working_hours' },
    major: { amount: 2, unit: 'working_days' },
    minor: { amount: 5, unit: 'working_days' },
  }),
});

export type ResponsePolicy = z.output<typeof responsePolicySchema>;

export const DEFAULT_RESPONSE_POLICY: ResponsePolicy = responsePolicySchema.parse({});

/** The target of a criticality in ms of working time (working days × hoursPerWorkingDay). */
export function targetMs(policy: ResponsePolicy, criticality: Criticality): number {
  const { amount, unit } = policy.targets[criticality];
  const hours = unit === 'working_days' ? amount * policy.hoursPerWorkingDay : amount;
  return Math.round(hours * HOUR_MS);
}

/** The target in words, e.g. "major: 2 working days × 8 h = 16 working hours". */
export function describeTarget(policy: ResponsePolicy, criticality: Criticality): string {
  const { amount, unit } = policy.targets[criticality];
  const hours = `${targetMs(policy, criticality) / HOUR_MS} working hours`;
  switch (unit) {
    case 'working_hours':
      return `${criticality}: ${hours}`;
    case 'working_days':
      return `${criticality}: ${amount} working day${amount === 1 ? '' : 's'} × ${policy.hoursPerWorkingDay} h = ${hours}`;
  }
}

export interface ResponseDeadline {
  criticality: Criticality;
  targetMs: number;
  dueAt: Date;
  warnings: { percent: (typeof WARNING_PERCENTS)[number]; at: Date }[];
  explanation: DeadlineExplanation;
  /** The target, then how the deadline follows from the calendar. */
  sentence: string;
}

/**
 * The deadline of a first response: the target of the criticality counted in working time from
 * the reception, with the calendar version in force at the reception; plus the warning instants.
 */
export function responseDeadline(
  policy: ResponsePolicy,
  calendar: BusinessCalendar,
  receivedAt: Date,
  criticality: Criticality,
): ResponseDeadline {
  const ms = targetMs(policy, criticality);
  const explanation = explainDeadline(calendar, receivedAt, ms);
  return {
    criticality,
    targetMs: ms,
    dueAt: explanation.dueAt,
    warnings: WARNING_PERCENTS.map((percent) => ({
      percent,
      at: thresholdInstant(calendar, receivedAt, ms, percent),
    })),
    explanation,
    sentence: `${describeTarget(policy, criticality)}; ${explanation.sentence}`,
  };
}

export interface Retargeted extends ResponseDeadline {
  /** Working time counted from reception to `now`: kept, whatever the new criticality. */
  elapsedMs: number;
  /** What is left of the new target at `now` (0 once it is overdue). */
  remainingMs: number;
  overdue: boolean;
}

/**
 * A change of criticality: the new target counts from the original reception, so the working
 * time already elapsed is never lost nor counted twice, and the deadline never depends on when
 * the change was made (`now` only says what is left).
 */
export function retarget(
  policy: ResponsePolicy,
  calendar: BusinessCalendar,
  receivedAt: Date,
  criticality: Criticality,
  now: Date,
): Retargeted {
  const deadline = responseDeadline(policy, calendar, receivedAt, criticality);
  const elapsedMs = workingTimeBetween(calendar, receivedAt, now);
  return {
    ...deadline,
    elapsedMs,
    remainingMs: Math.max(0, deadline.targetMs - elapsedMs),
    overdue: now > deadline.dueAt,
  };
}

import { instantFromLocalInput } from '../client/backups/localTime';
import type { NewMaintenance } from './types';

export interface MaintenanceValues {
  scope: 'platform' | 'client';
  client: string;
  kind: 'one_off' | 'recurring';
  /** One-off: wall-clock times in the browser's zone. */
  from: string;
  to: string;
  rrule: string;
  /** Recurring: the first occurrence's local date and time, in `timeZone`. */
  firstLocal: string;
  duration: string;
  timeZone: string;
  reason: string;
}

export const EMPTY_MAINTENANCE: MaintenanceValues = {
  scope: 'platform',
  client: '',
  kind: 'one_off',
  from: '',
  to: '',
  rrule: 'FREQ=WEEKLY;BYDAY=SU',
  firstLocal: '',
  duration: '60',
  timeZone: 'Europe/Brussels',
  reason: '',
};

const LOCAL = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:00(\.0+)?)?$/;

/** The request the form's values make, or what to fix first. */
export function maintenanceRequest(values: MaintenanceValues): NewMaintenance | Error {
  const reason = values.reason.trim();
  if (reason === '') return new Error('Give the reason: clients read it on the status page.');
  if (values.scope === 'client' && values.client === '') return new Error('Choose the client concerned.');
  const scope = values.scope === 'client' ? { client: values.client } : {};
  if (values.kind === 'one_off') {
    const from = instantFromLocalInput(values.from);
    const to = instantFromLocalInput(values.to);
    if (from === undefined || to === undefined)
      return new Error('Give when the maintenance starts and ends: a date and a time of day each.');
    return { ...scope, from, to, reason };
  }
  const first = LOCAL.exec(values.firstLocal)?.[1];
  if (first === undefined)
    return new Error('Give the first occurrence as a date and a time of day, to the minute.');
  const durationMinutes = Number(values.duration);
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > 10_080)
    return new Error('Duration: give a whole number of minutes from 1 to 10080 (a week).');
  if (values.rrule.trim() === '') return new Error('Give the recurrence rule, such as FREQ=WEEKLY;BYDAY=SU.');
  return {
    ...scope,
    from: first,
    rrule: values.rrule.trim(),
    durationMinutes,
    timeZone: values.timeZone.trim(),
    reason,
  };
}

import type { AssignRequest, DutyDay } from './types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface DutyValues {
  from: string;
  /** Empty for the one day `from`. */
  to: string;
  /** E-mail addresses; empty for nobody. */
  first: string;
  second: string;
}

/** The form's values to start from: a day's people (to replace them), or today and nobody. */
export function dutyValues(day: DutyDay | undefined, today: string): DutyValues {
  if (day === undefined) return { from: today, to: '', first: '', second: '' };
  const [first = '', second = ''] = day.people.map((person) => person.email);
  return { from: day.date, to: '', first, second };
}

/** The request the form's values make, or what to fix first. */
export function dutyRequest(values: DutyValues, today: string): AssignRequest | Error {
  if (!DATE.test(values.from)) return new Error('Give the first day: a calendar date.');
  if (values.from < today) return new Error(`Days before today (${today}) are kept as they were.`);
  if (values.to !== '' && !DATE.test(values.to)) return new Error('Give the last day: a calendar date.');
  if (values.to !== '' && values.to < values.from)
    return new Error('The last day comes before the first: give the first day, then the last.');
  if (values.first !== '' && values.first === values.second)
    return new Error('Choose two different people (or one, and nobody as the second).');
  const people = [values.first, values.second].filter((email) => email !== '');
  return { from: values.from, ...(values.to === '' ? {} : { to: values.to }), people };
}

/** What a change did, in words: "a and b are on duty on 3 working days, 2026-11-30 to 2026-12-02." */
export function assignedNote(request: AssignRequest, days: readonly DutyDay[]): string {
  const working = days.filter((day) => day.working);
  const first = working[0]?.date ?? request.from;
  const last = working.at(-1)?.date ?? first;
  const when =
    working.length === 1 ? `on ${first}` : `on ${working.length} working days, ${first} to ${last}`;
  if (request.people.length === 0) return `Nobody is on duty ${when} now.`;
  const who = request.people.join(' and ');
  return `${who} ${request.people.length === 1 ? 'is' : 'are'} on duty ${when}.`;
}

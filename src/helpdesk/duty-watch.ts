import type { Notifier } from '../alerts/notifier.js';
import type { BusinessCalendar } from './business-calendar.js';
import { openingDay, versionAt } from './business-calendar.js';
import type { DutyRosterService } from './duty-roster.service.js';
import type { EscalationChain } from './escalation-chain.js';

/**
 * A working day without anyone on duty is an escalation of its own: from the first opening of
 * the day, the steps listening to `no_duty` (the sister company's team by default) are told, once
 * per gap (a roster changed since the last notice makes a new one).
 */
export async function watchDuty(
  now: Date,
  deps: {
    calendar: BusinessCalendar;
    roster: DutyRosterService;
    chain: EscalationChain;
    notifier: Notifier;
  },
): Promise<boolean> {
  const today = await deps.roster.today(now);
  const opening = openingDay(versionAt(deps.calendar, now), today);
  const first = opening.intervals[0];
  if (!first || now < first.start) return false;
  if ((await deps.roster.onDuty(today)).length > 0) return false;
  // Once per gap: again only when the day's roster was changed since (filled, then emptied).
  if (await deps.chain.noDutyRaised(today, await deps.roster.changedAt(today))) return false;
  await deps.notifier.notify(
    {
      subject: `[Oxygis helpdesk] nobody is on duty today (${today})`,
      text: `Nobody of the hosting team is on duty on ${today}: the helpdesk's tickets and alerts of the day go to you. Operators can put people on duty with "oxygis duty set ${today} EMAIL EMAIL" or in the console's Duty roster.`,
      event: { type: 'duty.none', date: today },
    },
    { trigger: 'no_duty', dutyDate: today },
  );
  return true;
}

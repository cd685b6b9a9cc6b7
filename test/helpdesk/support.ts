import { sql } from 'kysely';
import type { RunningPlatform } from '../support/platform.js';
import { platformDb } from '../support/actors.js';

/** `YYYY-MM-DD` in Brussels, `days` from today. */
export function brusselsDate(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

export { until } from '../support/until.js';

const allDay = [{ from: '00:00', to: '24:00' }];

/**
 * Fixture: a helpdesk open around the clock since 2000 (no holidays; `closures` closed), so that a
 * test does not depend on the day or hour it runs and working time equals elapsed time. Written
 * straight into the control-plane database because the API rightly refuses versions in the past.
 */
export async function openAroundTheClock(
  platform: RunningPlatform,
  closures: { date: string; reason: string }[] = [],
): Promise<void> {
  const db = await platformDb(platform);
  const definition = {
    zone: 'Europe/Brussels',
    weekly: {
      monday: allDay,
      tuesday: allDay,
      wednesday: allDay,
      thursday: allDay,
      friday: allDay,
      saturday: allDay,
      sunday: allDay,
    },
    holidays: null,
    closures,
  };
  await sql`insert into calendar_version (effective_from, definition, created_by)
    values ('2000-01-02T00:00:00Z', ${JSON.stringify(definition)}, 'test fixture')`.execute(db);
  await db.destroy();
}

import { DateTime } from '../../components/DateTime';
import type { Maintenance } from './types';

/** When a maintenance happens: its two instants, or its rule in its zone. */
export function MaintenanceSchedule({ maintenance }: { maintenance: Maintenance }) {
  if (maintenance.kind === 'one_off')
    return (
      <>
        {maintenance.startsAt === null ? '?' : <DateTime iso={maintenance.startsAt} />} to{' '}
        {maintenance.endsAt === null ? '?' : <DateTime iso={maintenance.endsAt} />}
      </>
    );
  return (
    <>
      <code>{maintenance.rrule}</code> from {maintenance.firstDate} {maintenance.localStart},{' '}
      {maintenance.durationMinutes} min ({maintenance.timeZone})
    </>
  );
}

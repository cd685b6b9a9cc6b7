import { DateTime } from '../../../components/DateTime';

/**
 * How far a restore or a drill got: the commit time of the last transaction it replayed. None
 * (null) means there was nothing to replay after the base backup, so that is the state restored.
 */
export function RecoveredUpTo({ at }: { at: string | null }) {
  if (at === null) return <>The end of the base backup (no later transaction to replay)</>;
  return <DateTime iso={at} />;
}

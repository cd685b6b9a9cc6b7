import { DateTime } from '../../../components/DateTime';
import type { RestoreRun } from '../../../types';

/** What a restore was asked for: an instant, or (without one) the latest state, as the CLI says it. */
export function RestoreTarget({ run }: { run: RestoreRun }) {
  if (run.targetTime === null) return <>The latest state</>;
  return <DateTime iso={run.targetTime} />;
}

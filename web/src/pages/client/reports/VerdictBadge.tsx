import { StatusBadge } from '../../../components/StatusBadge';
import { verdictOf } from './reportWords';

/** Met, not met, or nothing to judge (no drill ran, say): the report's verdict on a promise. */
export function VerdictBadge({ met }: { met: boolean | null }) {
  return <StatusBadge ok={met ?? undefined}>{verdictOf(met)}</StatusBadge>;
}

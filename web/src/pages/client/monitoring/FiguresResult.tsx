import { StatusBadge } from '../../../components/StatusBadge';

/** Whether the month meets the agreement's target, in words (and colour). */
export function FiguresResult({ met, partial }: { met: boolean | null; partial: boolean }) {
  if (met === null) return <StatusBadge>Not measured yet</StatusBadge>;
  if (met) return <StatusBadge ok>{partial ? 'Met so far' : 'Met'}</StatusBadge>;
  return <StatusBadge ok={false}>Not met</StatusBadge>;
}

import { criticalityLabels } from './helpdeskLabels';
import type { Criticality } from './types';

const tones: Record<Criticality, string> = {
  critical: 'badge-bad',
  major: 'badge-warning',
  minor: 'badge-neutral',
};

/** Critical, Major or Minor; the colour only repeats the word. */
export function CriticalityBadge({ criticality }: { criticality: Criticality }) {
  return <span className={`badge ${tones[criticality]}`}>{criticalityLabels[criticality]}</span>;
}

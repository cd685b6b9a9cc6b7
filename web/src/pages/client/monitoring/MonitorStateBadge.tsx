import type { MonitorState } from './types';

export const monitorStateLabels: Record<MonitorState, string> = {
  up: 'Up',
  down: 'Down',
  degraded: 'Degraded',
  no_data: 'No data',
};

function tone(state: MonitorState): string {
  switch (state) {
    case 'up':
      return 'badge-ok';
    case 'down':
      return 'badge-bad';
    case 'degraded':
      return 'badge-warning';
    case 'no_data':
      return 'badge-neutral';
  }
}

/** A monitor's state as a coloured pill; the colour only repeats the word. */
export function MonitorStateBadge({ state }: { state: MonitorState }) {
  return <span className={`badge ${tone(state)}`}>{monitorStateLabels[state]}</span>;
}

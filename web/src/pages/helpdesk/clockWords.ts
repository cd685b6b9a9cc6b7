import { criticalityLabels, criticalityOf } from './helpdeskLabels';
import type { ClockEvent } from './types';

function text(detail: Record<string, unknown>, key: string): string | undefined {
  const value = detail[key];
  return typeof value === 'string' ? value : undefined;
}

/** What the `detail` of a clock event says, in words (details this console does not know: nothing). */
export function clockEventDetail(event: ClockEvent): string {
  const { detail } = event;
  switch (event.kind) {
    case 'started':
      return text(detail, 'explanation') ?? '';
    case 'retargeted': {
      const from = criticalityOf(text(detail, 'from') ?? '');
      const was = from === undefined ? '' : `Was ${criticalityLabels[from].toLowerCase()}. `;
      return `${was}${text(detail, 'explanation') ?? ''}`;
    }
    case 'warning':
      return typeof detail.percent === 'number' ? `${detail.percent} % of the response time used` : '';
    case 'responded': {
      const how = text(detail, 'how');
      const met = typeof detail.met === 'boolean' ? (detail.met ? 'target met' : 'target missed') : '';
      return [how === undefined ? '' : `By ${how}`, met].filter((part) => part !== '').join('; ');
    }
    case 'breached':
      return 'No response by the due instant';
  }
}

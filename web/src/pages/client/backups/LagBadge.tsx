import { lagLevel, type LagLevel } from './lagLevel';

const badges: Record<LagLevel, { tone: string; text: string }> = {
  ok: { tone: 'badge-ok', text: 'OK' },
  warning: { tone: 'badge-warning', text: 'Warning' },
  breach: { tone: 'badge-bad', text: 'Breach' },
};

/** OK, Warning or Breach for an archive lag; the colour only repeats the word. */
export function LagBadge({ lagSeconds }: { lagSeconds: number | null }) {
  const { tone, text } = badges[lagLevel(lagSeconds)];
  return <span className={`badge ${tone}`}>{text}</span>;
}

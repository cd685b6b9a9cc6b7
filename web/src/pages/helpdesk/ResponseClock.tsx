import { clockState } from './timeLeft';
import { useNow } from './useNow';

interface ResponseClockProps {
  ticket: { responseDueAt: string; respondedAt: string | null };
}

/**
 * The time left to the response deadline, counting down every second in the browser (wall time
 * to the due instant, which the server computed in working time); once answered, whether the
 * target was met. A timer role: screen readers do not announce every second.
 */
export function ResponseClock({ ticket }: ResponseClockProps) {
  const state = clockState(ticket, useNow());
  const late = state.kind === 'overdue' || (state.kind === 'answered' && !state.met);
  return (
    <span role="timer" className={late ? 'clock clock-late' : 'clock'}>
      {state.text}
    </span>
  );
}

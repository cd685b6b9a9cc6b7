/** The response clock in words, counted down to the due instant. */

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A length of time to the second: "45 s", "12 min 03 s", "2 h 05 min 10 s", "3 d 04 h 05 min 10 s".
 * Units after the first are on two digits, so that a ticking clock keeps its width.
 */
export function formatCountdown(milliseconds: number): string {
  const total = Math.floor(Math.abs(milliseconds) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor(total / 3600) % 24;
  const minutes = Math.floor(total / 60) % 60;
  const seconds = total % 60;
  if (days > 0) return `${days} d ${pad(hours)} h ${pad(minutes)} min ${pad(seconds)} s`;
  if (hours > 0) return `${hours} h ${pad(minutes)} min ${pad(seconds)} s`;
  if (minutes > 0) return `${minutes} min ${pad(seconds)} s`;
  return `${seconds} s`;
}

export type ClockState =
  | { kind: 'running'; text: string }
  | { kind: 'overdue'; text: string }
  | { kind: 'answered'; met: boolean; text: string };

/** Where the response clock of a ticket stands at `now` (epoch ms). */
export function clockState(
  ticket: { responseDueAt: string; respondedAt: string | null },
  now: number,
): ClockState {
  const due = Date.parse(ticket.responseDueAt);
  if (ticket.respondedAt !== null) {
    const met = Date.parse(ticket.respondedAt) <= due;
    return { kind: 'answered', met, text: met ? 'Answered: target met' : 'Answered: target missed' };
  }
  const left = due - now;
  // Until the last whole second has gone, time is left.
  if (left > -1000) return { kind: 'running', text: `${formatCountdown(Math.max(left, 0))} left` };
  return { kind: 'overdue', text: `overdue by ${formatCountdown(left)}` };
}

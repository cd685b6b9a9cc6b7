import type { Ticket } from './types';

/**
 * The queue's order: tickets still waiting for their response first, the one due soonest first
 * (the API's order), then those already answered. The sort is stable.
 */
export function queueOrder(tickets: readonly Ticket[]): Ticket[] {
  const waiting = tickets.filter((ticket) => ticket.respondedAt === null);
  const answered = tickets.filter((ticket) => ticket.respondedAt !== null);
  return [...waiting, ...answered];
}

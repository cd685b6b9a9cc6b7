import type { ClientOption, ClientOptionStatus } from './types';

export const optionStatusLabels: Record<ClientOptionStatus, string> = {
  requested: 'Requested',
  active: 'Active',
  rejected: 'Rejected',
  deactivated: 'Deactivated',
};

/**
 * Where an option stands for the client: its live request (requested or active) when there is
 * one, else its latest (rejected or deactivated), else undefined: never requested.
 */
export function currentState(history: readonly ClientOption[], code: string): ClientOption | undefined {
  const mine = history.filter((o) => o.code === code);
  const live = mine.find((o) => o.status === 'requested' || o.status === 'active');
  if (live !== undefined) return live;
  // The API lists the requests oldest first; compare anyway, the order is not promised.
  return mine.reduce<ClientOption | undefined>(
    (latest, o) => (latest === undefined || o.requestedAt >= latest.requestedAt ? o : latest),
    undefined,
  );
}

/** Whether the option can be asked for (again): never requested, rejected or deactivated. */
export function canBeRequested(state: ClientOption | undefined): boolean {
  return state === undefined || state.status === 'rejected' || state.status === 'deactivated';
}

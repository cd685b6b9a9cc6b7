import { createContext, use } from 'react';
import type { Account } from './types';

/** The signed-in account; provided by the application shell. */
export const SessionContext = createContext<Account | null>(null);

export function useAccount(): Account {
  const account = use(SessionContext);
  if (account === null) throw new Error('useAccount() must be used inside the application shell');
  return account;
}

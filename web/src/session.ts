import { createContext, use } from 'react';
import type { Account } from './types';

export interface Session {
  account: Account;
  /** Loads the session again (after something changed the account, like its second factor). */
  refresh: () => void;
}

/** The signed-in account; provided by the application shell. */
export const SessionContext = createContext<Session | null>(null);

function useSession(): Session {
  const session = use(SessionContext);
  if (session === null) throw new Error('useAccount() must be used inside the application shell');
  return session;
}

export function useAccount(): Account {
  return useSession().account;
}

export function useRefreshSession(): () => void {
  return useSession().refresh;
}

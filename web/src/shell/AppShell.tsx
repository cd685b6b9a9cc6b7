import type { ReactNode } from 'react';
import { ErrorAlert } from '../components/ErrorAlert';
import { SessionContext } from '../session';
import type { SessionResponse } from '../types';
import { useApi } from '../useApi';
import { Header } from './Header';
import { SideNav } from './SideNav';

/** Layout of every signed-in page. Without a session the user is sent to /sign-in. */
export function AppShell({ children }: { children: ReactNode }) {
  const session = useApi<SessionResponse>('/api/auth/session');

  if (session.data === undefined) {
    return (
      <main className="shell-pending">
        {session.error === undefined ? (
          <p role="status">Loading…</p>
        ) : (
          <>
            <ErrorAlert error={session.error} />
            <button type="button" className="button" onClick={session.reload} disabled={session.loading}>
              Try again
            </button>
          </>
        )}
      </main>
    );
  }

  return (
    <SessionContext value={session.data.account}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="shell">
        <Header />
        <SideNav />
        <main id="main" className="shell-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </SessionContext>
  );
}

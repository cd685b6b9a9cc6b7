import type { ComponentType } from 'react';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { SetupPage } from './pages/SetupPage';
import { SignInPage } from './pages/SignInPage';
import { StatusPage } from './pages/status/StatusPage';
import { useLocation } from './router';
import { AppShell } from './shell/AppShell';
import { ConsolePage } from './shell/ConsolePage';

/** Pages shown without a session. */
const publicPages: Partial<Record<string, ComponentType>> = {
  '/sign-in': SignInPage,
  '/setup': SetupPage,
  '/accept-invitation': AcceptInvitationPage,
  '/forgot-password': ForgotPasswordPage,
  '/reset-password': ResetPasswordPage,
  '/status': StatusPage,
};

export function App() {
  const { pathname } = useLocation();
  const PublicPage = publicPages[pathname];
  if (PublicPage !== undefined) return <PublicPage />;

  return (
    <AppShell>
      <ConsolePage />
    </AppShell>
  );
}

import { SetupPage } from './pages/SetupPage';
import { SignInPage } from './pages/SignInPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { appRoutes } from './routes';
import { useLocation } from './router';
import { AppShell } from './shell/AppShell';

export function App() {
  const { pathname } = useLocation();
  if (pathname === '/sign-in') return <SignInPage />;
  if (pathname === '/setup') return <SetupPage />;

  const Page = appRoutes.find((route) => route.path === pathname)?.page ?? NotFoundPage;
  return (
    <AppShell>
      <Page />
    </AppShell>
  );
}

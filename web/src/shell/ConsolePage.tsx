import { NotFoundPage } from '../pages/NotFoundPage';
import { routesFor } from '../routes';
import { useLocation } from '../router';
import { useAccount } from '../session';

/** The page of the current address, if this account gets it. */
export function ConsolePage() {
  const { pathname } = useLocation();
  const account = useAccount();
  const Page = routesFor(account).find((route) => route.path === pathname)?.page ?? NotFoundPage;
  return <Page />;
}

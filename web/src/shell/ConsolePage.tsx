import { NotFoundPage } from '../pages/NotFoundPage';
import { matchRoute } from '../routes';
import { RouteParamsContext, useLocation } from '../router';
import { useAccount } from '../session';

/** The page of the current address, if this account gets it. */
export function ConsolePage() {
  const { pathname } = useLocation();
  const account = useAccount();
  const match = matchRoute(account, pathname);
  if (match === undefined) return <NotFoundPage />;
  const Page = match.route.page;
  return (
    <RouteParamsContext value={match.params}>
      <Page />
    </RouteParamsContext>
  );
}

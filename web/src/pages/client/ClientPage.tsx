import { useRouteParam } from '../../router';
import { ClientDetails } from './ClientDetails';

/**
 * `/clients/:slug`: one client, its database, its people's database logins, its monthly reports
 * and what happened to it.
 */
export function ClientPage() {
  const slug = useRouteParam('slug') ?? '';
  return <ClientDetails key={slug} slug={slug} />;
}

import { Link } from '../components/Link';
import { routesFor } from '../routes';
import { useLocation } from '../router';
import { useAccount } from '../session';

export function SideNav() {
  const { pathname } = useLocation();
  const account = useAccount();
  return (
    <nav className="sidenav" aria-label="Main">
      <ul>
        {routesFor(account).map((route) => (
          <li key={route.path}>
            <Link to={route.path} aria-current={route.path === pathname ? 'page' : undefined}>
              {route.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

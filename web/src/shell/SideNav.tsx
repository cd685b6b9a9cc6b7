import { Link } from '../components/Link';
import { appRoutes } from '../routes';
import { useLocation } from '../router';

export function SideNav() {
  const { pathname } = useLocation();
  return (
    <nav className="sidenav" aria-label="Main">
      <ul>
        {appRoutes.map((route) => (
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

import { Link } from '../components/Link';
import { navEntriesFor } from '../routes';
import { useLocation } from '../router';
import { useAccount } from '../session';

export function SideNav() {
  const { pathname } = useLocation();
  const account = useAccount();
  return (
    <nav className="sidenav" aria-label="Main">
      <ul>
        {navEntriesFor(account).map((entry) => (
          <li key={entry.to}>
            <Link to={entry.to} aria-current={entry.to === pathname ? 'page' : undefined}>
              {entry.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import { BrandMark } from '../components/BrandMark';
import { Link } from '../components/Link';
import { useAccount } from '../session';
import { SignOutButton } from './SignOutButton';

export function Header() {
  const account = useAccount();
  return (
    <header className="topbar">
      <Link to="/" className="brand">
        <BrandMark />
        <span>Oxygis Cloud</span>
      </Link>
      <div className="topbar-account">
        <p className="account">
          <span className="visually-hidden">Signed in as </span>
          <span className="account-name">{account.displayName}</span>
          <span className="account-email">{account.email}</span>
        </p>
        <SignOutButton />
      </div>
    </header>
  );
}

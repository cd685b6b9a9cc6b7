import { Link } from '../components/Link';

/** For an invitation or reset page opened without the token of its e-mailed link. */
export function MissingTokenNote({ what }: { what: 'invitation' | 'password reset' }) {
  return (
    <p className="note">
      This page needs the link from your {what} e-mail, including its token. Open that link again, or{' '}
      <Link to="/sign-in">go to the sign-in page</Link>.
    </p>
  );
}

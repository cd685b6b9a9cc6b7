import { usersPagePath } from '../../access';
import type { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Link } from '../../components/Link';
import { useAccount } from '../../session';

/** The server's refusal; a user without the right is sent to where the right is granted. */
export function GrantError({ error, clientSlug }: { error: ApiError; clientSlug: string }) {
  const account = useAccount();
  if (error.code !== 'right_missing') return <ErrorAlert error={error} />;
  return (
    <div role="alert" className="alert">
      {error.message}: tick Database credentials for them on the{' '}
      <Link to={usersPagePath(account, clientSlug)}>Users page</Link>, then grant the login again.
    </div>
  );
}

import { useState, type SyntheticEvent } from 'react';
import { usersPagePath } from '../../access';
import { ApiError, asApiError, putJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Link } from '../../components/Link';
import { SelectField } from '../../components/SelectField';
import { CREDENTIAL_MODES, credentialModeLabels } from '../../labels';
import type {
  AccountDetails,
  AccountsResponse,
  Client,
  ConnectionDetails,
  CredentialConnectionResponse,
  CredentialMode,
} from '../../types';
import { useAccount } from '../../session';
import { useApi } from '../../useApi';
import { GrantError } from './GrantError';

const NOBODY = '';

function personLabel(account: AccountDetails): string {
  const label = `${account.displayName} (${account.email})`;
  if (account.kind === 'client_user' && !account.rights.includes('database_credentials'))
    return `${label}, needs the database credentials right`;
  return label;
}

interface GrantCredentialFormProps {
  client: Client;
  /** E-mail addresses that already have a login. */
  taken: readonly string[];
  onGranted: (email: string, connection: ConnectionDetails) => void;
}

/** Gives one of the client's people a login of their own on the client's database. */
export function GrantCredentialForm({ client, taken, onGranted }: GrantCredentialFormProps) {
  const me = useAccount();
  const accounts = useApi<AccountsResponse>(`/api/accounts?client=${encodeURIComponent(client.slug)}`);
  const [email, setEmail] = useState(NOBODY);
  const [mode, setMode] = useState<CredentialMode>('read_only');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();

  const takenEmails = new Set(taken.map((address) => address.toLowerCase()));
  const people = (accounts.data?.accounts ?? []).filter(
    (account) => account.status !== 'disabled' && !takenEmails.has(account.email.toLowerCase()),
  );
  const chosen = people.some((account) => account.email === email) ? email : NOBODY;

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    if (chosen === NOBODY) {
      setError(new Error('Choose the person who gets the login.'));
      return;
    }
    setSubmitting(true);
    try {
      const answer = await putJson<CredentialConnectionResponse>(
        `/api/clients/${encodeURIComponent(client.slug)}/credentials/${encodeURIComponent(chosen)}`,
        { mode },
      );
      setEmail(NOBODY);
      setMode('read_only');
      onGranted(answer.credential.accountEmail, answer.connection);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <div className="subsection">
      <h3>Grant a login</h3>
      <ErrorAlert error={accounts.error} />
      {accounts.data !== undefined && people.length === 0 ? (
        <p className="muted">
          {accounts.data.accounts.length === 0 ? (
            <>
              {client.name} has no accounts yet: invite its people on the{' '}
              <Link to={usersPagePath(me, client.slug)}>Users page</Link> first.
            </>
          ) : (
            `Everyone at ${client.name} already has a login.`
          )}
        </p>
      ) : (
        <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)}>
          <SelectField
            label="Person"
            name="account"
            value={chosen}
            options={[
              { value: NOBODY, label: accounts.loading ? 'Loading people…' : 'Choose a person' },
              ...people.map((account) => ({ value: account.email, label: personLabel(account) })),
            ]}
            onChange={setEmail}
          />
          <SelectField
            label="Mode"
            name="mode"
            value={mode}
            options={CREDENTIAL_MODES.map((value) => ({ value, label: credentialModeLabels[value] }))}
            onChange={(value) => setMode(CREDENTIAL_MODES.find((candidate) => candidate === value) ?? mode)}
            hint="Read only: reads every table. Read and write: also inserts, updates and deletes rows."
          />
          {error instanceof ApiError ? (
            <GrantError error={error} clientSlug={client.slug} />
          ) : (
            <ErrorAlert error={error} />
          )}
          <div>
            <button type="submit" className="button" disabled={submitting}>
              {submitting ? 'Granting…' : 'Grant login'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

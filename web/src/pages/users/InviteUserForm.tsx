import { useState, type SyntheticEvent } from 'react';
import { ApiError, asApiError, postJson } from '../../api';
import { roleLabels } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { StatusNote } from '../../components/StatusNote';
import { TextField } from '../../components/TextField';
import type { Role } from '../../types';

interface InviteUserFormProps {
  /** The client the new account belongs to; null for a staff account. */
  clientSlug: string | null;
  /** The roles this person may give; the first is the default. */
  roles: readonly Role[];
  onInvited: () => void;
}

/** Creates an account and e-mails it an invitation link: the new user chooses its own password. */
export function InviteUserForm({ clientSlug, roles, onInvited }: InviteUserFormProps) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>(roles[0] ?? 'client_user');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    setDone(undefined);
    try {
      await postJson<unknown>('/api/accounts', {
        email,
        displayName,
        role,
        ...(clientSlug === null ? {} : { client: clientSlug }),
      });
      setDone(
        `Invitation sent to ${email}. They choose their own password with the link in the e-mail (valid for 7 days).`,
      );
      setEmail('');
      setDisplayName('');
      onInvited();
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a user</h2>
      <p className="muted">
        The new user gets an e-mail with a link to choose a password; nobody else ever sees or sets it.
      </p>
      <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)}>
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={setEmail}
        />
        <TextField
          label="Name"
          name="displayName"
          autoComplete="off"
          required
          value={displayName}
          onChange={setDisplayName}
        />
        {roles.length > 1 ? (
          <SelectField
            label="Role"
            name="role"
            value={role}
            options={roles.map((value) => ({ value, label: roleLabels[value] }))}
            onChange={(value) => setRole(roles.find((candidate) => candidate === value) ?? role)}
          />
        ) : (
          <p className="muted">
            They join as a {roleLabels[role].toLowerCase()}; grant their rights once they are listed.
          </p>
        )}
        <ErrorAlert error={error} />
        <StatusNote message={done} />
        <div>
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? 'Sending invitation…' : 'Send invitation'}
          </button>
        </div>
      </form>
    </section>
  );
}

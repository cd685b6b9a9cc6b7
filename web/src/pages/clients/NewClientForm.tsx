import { useState, type SyntheticEvent } from 'react';
import { ApiError, asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Link } from '../../components/Link';
import { OneTimeConnection } from '../../components/OneTimeConnection';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { PLANS, planLabels } from '../../labels';
import type { Client, ConnectionDetails, CreatedClientResponse, Plan } from '../../types';

export function NewClientForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [plan, setPlan] = useState<Plan>('standard');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [client, setClient] = useState<Client>();
  /** The owner's connection, with its password: kept in memory until dismissed, never stored. */
  const [connection, setConnection] = useState<ConnectionDetails>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    setClient(undefined);
    setConnection(undefined);
    try {
      const trimmed = slug.trim();
      const answer = await postJson<CreatedClientResponse>('/api/clients', {
        name,
        plan,
        ...(trimmed === '' ? {} : { slug: trimmed }),
      });
      setClient(answer.client);
      setConnection(answer.connection);
      setName('');
      setSlug('');
      setPlan('standard');
      onCreated();
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <section className="card" aria-labelledby="new-client-heading">
      <h2 id="new-client-heading">New client</h2>
      <p className="muted">
        Creating a client also sets up its own PostgreSQL instance; this takes a few seconds.
      </p>
      <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)}>
        <TextField label="Name" name="name" autoComplete="off" required value={name} onChange={setName} />
        <TextField
          label="Slug (optional)"
          name="slug"
          autoComplete="off"
          pattern="[a-z][a-z0-9\-]{1,38}[a-z0-9]"
          hint="Names the client's databases and addresses: 3 to 40 lowercase letters, digits and hyphens. Made from the name when left empty."
          value={slug}
          onChange={setSlug}
        />
        <SelectField
          label="Plan"
          name="plan"
          value={plan}
          options={PLANS.map((value) => ({ value, label: planLabels[value] }))}
          onChange={(value) => setPlan(PLANS.find((candidate) => candidate === value) ?? plan)}
          hint="Premium gives the database more memory and connections."
        />
        <ErrorAlert error={error} />
        <p role="status" className={client === undefined ? 'visually-hidden' : 'success'}>
          {client !== undefined && (
            <>
              Client {client.name} created (<code>{client.slug}</code>).{' '}
              <Link to={`/clients/${encodeURIComponent(client.slug)}`}>Open its page</Link> or{' '}
              <Link to={`/users?client=${encodeURIComponent(client.slug)}`}>invite its administrator</Link>.
            </>
          )}
        </p>
        <div>
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? 'Creating…' : 'Create client'}
          </button>
        </div>
      </form>
      {client !== undefined && connection !== undefined && (
        <OneTimeConnection
          intro={`The owner of ${client.name}'s database ${connection.database}`}
          connection={connection}
          ifLost="it cannot be shown or reset from the console"
          onDone={() => setConnection(undefined)}
        />
      )}
    </section>
  );
}

import { useState, type SyntheticEvent } from 'react';
import { ApiError, asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Link } from '../../components/Link';
import { TextField } from '../../components/TextField';
import type { Client, ClientResponse } from '../../types';

export function NewClientForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [created, setCreated] = useState<Client>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    setCreated(undefined);
    try {
      const trimmed = slug.trim();
      const answer = await postJson<ClientResponse>('/api/clients', {
        name,
        ...(trimmed === '' ? {} : { slug: trimmed }),
      });
      setCreated(answer.client);
      setName('');
      setSlug('');
      onCreated();
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <section className="card" aria-labelledby="new-client-heading">
      <h2 id="new-client-heading">New client</h2>
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
        <ErrorAlert error={error} />
        <p role="status" className={created === undefined ? 'visually-hidden' : 'success'}>
          {created !== undefined && (
            <>
              Client {created.name} created (<code>{created.slug}</code>).{' '}
              <Link to={`/users?client=${encodeURIComponent(created.slug)}`}>Invite its administrator</Link>.
            </>
          )}
        </p>
        <div>
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? 'Creating…' : 'Create client'}
          </button>
        </div>
      </form>
    </section>
  );
}

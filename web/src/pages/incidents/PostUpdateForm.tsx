import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { StatusNote } from '../../components/StatusNote';
import { INCIDENT_STATUSES, incidentStatusLabels } from './incidentLabels';
import { TextAreaField } from './TextAreaField';
import type { Incident, IncidentResponse, IncidentStatus, IncidentUpdateRequest } from './types';

interface PostUpdateFormProps {
  incident: Incident;
  onPosted: (incident: Incident) => void;
}

/** A new stage of the incident with what to tell, and the postmortem once there is one. */
export function PostUpdateForm({ incident, onPosted }: PostUpdateFormProps) {
  const [status, setStatus] = useState<IncidentStatus>(incident.status);
  const [message, setMessage] = useState('');
  const [postmortem, setPostmortem] = useState(incident.postmortem ?? '');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (message.trim() === '') {
      setError(new Error('Write the message of the update: what is known, what is being done.'));
      return;
    }
    const body: IncidentUpdateRequest = { status, message: message.trim() };
    // Sent only when changed, so that an update never clears a postmortem by accident.
    if (postmortem !== (incident.postmortem ?? '')) body.postmortem = postmortem;
    setSubmitting(true);
    try {
      const answer = await postJson<IncidentResponse>(
        `/api/incidents/${encodeURIComponent(incident.id)}/updates`,
        body,
      );
      setMessage('');
      setDone('The update is posted.');
      onPosted(answer.incident);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <SelectField
        label="Status"
        name="status"
        value={status}
        options={INCIDENT_STATUSES.map((value) => ({ value, label: incidentStatusLabels[value] }))}
        onChange={(value) => setStatus(INCIDENT_STATUSES.find((candidate) => candidate === value) ?? status)}
      />
      <TextAreaField
        label="Message"
        name="message"
        required
        maxLength={5000}
        value={message}
        onChange={setMessage}
      />
      <TextAreaField
        label="Postmortem (optional)"
        name="postmortem"
        rows={6}
        maxLength={100_000}
        value={postmortem}
        onChange={setPostmortem}
        hint="What happened, why, and what changes so that it does not happen again."
      />
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Posting…' : 'Post the update'}
        </button>
      </div>
    </form>
  );
}

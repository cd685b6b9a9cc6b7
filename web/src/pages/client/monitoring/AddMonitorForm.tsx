import { useState, type SyntheticEvent } from 'react';
import { asApiError, postJson } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NumberField } from '../../../components/NumberField';
import { SelectField } from '../../../components/SelectField';
import { StatusNote } from '../../../components/StatusNote';
import { TextField } from '../../../components/TextField';
import type { Monitor, MonitorResponse, NewMonitor } from './types';

const KINDS = [
  { value: 'http', label: 'HTTP(S): a web address answers' },
  { value: 'tcp', label: 'TCP: a port accepts connections' },
] as const;

interface Values {
  kind: NewMonitor['kind'];
  url: string;
  name: string;
  interval: string;
  keyword: string;
}

const EMPTY: Values = { kind: 'http', url: '', name: '', interval: '30', keyword: '' };

/** The request, or what to fix first. */
function requestOf(values: Values): NewMonitor | Error {
  const url = values.url.trim();
  if (url === '')
    return new Error(values.kind === 'http' ? 'Give the address to check.' : 'Give the host and port.');
  const intervalSeconds = Number(values.interval);
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 5 || intervalSeconds > 3600)
    return new Error('Check every: give a whole number of seconds from 5 to 3600.');
  const body: NewMonitor = { kind: values.kind, url, intervalSeconds };
  if (values.name.trim() !== '') body.name = values.name.trim();
  if (values.kind === 'http' && values.keyword !== '') body.keyword = values.keyword;
  return body;
}

interface AddMonitorFormProps {
  monitorsPath: string;
  onAdded: (monitor: Monitor) => void;
}

/** Watches one more endpoint of the client's application. */
export function AddMonitorForm({ monitorsPath, onAdded }: AddMonitorFormProps) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  const set = (change: Partial<Values>) => setValues((previous) => ({ ...previous, ...change }));

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const body = requestOf(values);
    if (body instanceof Error) {
      setError(body);
      return;
    }
    setSubmitting(true);
    try {
      const { monitor } = await postJson<MonitorResponse>(monitorsPath, body);
      setValues(EMPTY);
      setDone(`${monitor.name} is watched from now on.`);
      onAdded(monitor);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  const http = values.kind === 'http';
  return (
    <details className="disclosure">
      <summary>Add an endpoint</summary>
      <form className="form form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
        <SelectField
          label="Kind"
          name="kind"
          value={values.kind}
          options={KINDS}
          onChange={(kind) => set({ kind: kind === 'tcp' ? 'tcp' : 'http' })}
        />
        <TextField
          label={http ? 'URL' : 'Host and port'}
          name="url"
          required
          value={values.url}
          onChange={(url) => set({ url })}
          hint={
            http ? 'http:// or https://, e.g. https://shop.example.be/health' : 'e.g. shop.example.be:443'
          }
        />
        <TextField
          label="Name (optional)"
          name="name"
          maxLength={80}
          value={values.name}
          onChange={(name) => set({ name })}
          hint="How the monitor is called in the figures and the incidents; the address by default."
        />
        <NumberField
          label="Check every (seconds)"
          name="interval"
          min={5}
          max={3600}
          required
          value={values.interval}
          onChange={(interval) => set({ interval })}
        />
        {http && (
          <TextField
            label="Keyword (optional)"
            name="keyword"
            maxLength={200}
            value={values.keyword}
            onChange={(keyword) => set({ keyword })}
            hint="A check passes only when the page contains this text."
          />
        )}
        <ErrorAlert error={error} />
        <StatusNote message={done} />
        <div>
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? 'Adding…' : 'Add the endpoint'}
          </button>
        </div>
      </form>
    </details>
  );
}

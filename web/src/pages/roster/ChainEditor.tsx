import { useState, type SyntheticEvent } from 'react';
import { asApiError, putJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { chainRequest, MAX_STEPS, moveStep, stepValues, type StepValues } from './chainValues';
import { StepFields } from './StepFields';
import type { EscalationResponse, EscalationStep } from './types';

interface ChainEditorProps {
  steps: readonly EscalationStep[];
  onSaved: (answer: EscalationResponse) => void;
}

/** Operators: the whole chain, step by step; saving replaces it. */
export function ChainEditor({ steps, onSaved }: ChainEditorProps) {
  const [values, setValues] = useState<StepValues[]>(() => steps.map((step) => stepValues(step)));
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();

  function change(index: number, update: Partial<StepValues>) {
    setValues((previous) => previous.map((step, i) => (i === index ? { ...step, ...update } : step)));
  }

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const body = chainRequest(values);
    if (body instanceof Error) {
      setError(body);
      return;
    }
    setSubmitting(true);
    try {
      const answer = await putJson<EscalationResponse>('/api/helpdesk/escalation', body);
      setDone(`The chain is saved: ${answer.steps.length} steps.`);
      onSaved(answer);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSubmitting(false);
  }

  return (
    <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <fieldset className="plain-fieldset form form-narrow" disabled={submitting}>
        {values.map((step, index) => (
          <StepFields
            key={step.key}
            step={step}
            index={index}
            count={values.length}
            onChange={(stepChange) => change(index, stepChange)}
            onMove={(delta) => setValues((previous) => moveStep(previous, index, delta))}
            onRemove={() => setValues((previous) => previous.filter((_, i) => i !== index))}
          />
        ))}
        <div>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setValues((previous) => [...previous, stepValues()])}
            disabled={values.length >= MAX_STEPS}
          >
            Add a step
          </button>
        </div>
      </fieldset>
      <ErrorAlert error={error} />
      <StatusNote message={done} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Saving…' : 'Save the chain'}
        </button>
      </div>
    </form>
  );
}

import { useState } from 'react';
import { ApiError, asApiError, postJson } from '../../../api';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { CatalogueOption } from '../../options/types';
import { NoteStep } from './NoteStep';
import { clientOptionsPath, decisionPath, type OptionDecision } from './optionPaths';
import { canBeRequested } from './optionState';
import type { ClientOption, ClientOptionsResponse } from './types';

interface OptionActionsProps {
  clientSlug: string;
  option: CatalogueOption;
  state: ClientOption | undefined;
  /** Operators and the client's administrators. */
  mayRequest: boolean;
  /** Operators. */
  mayDecide: boolean;
  /** The client's options as the change left them, and what to announce. */
  onChanged: (options: ClientOption[], message: string) => void;
}

/**
 * What may be done with an option now: request it (with a note) when it can be provided and is
 * not requested or active; approve or reject (with the reason) a request; deactivate it.
 */
export function OptionActions({
  clientSlug,
  option,
  state,
  mayRequest,
  mayDecide,
  onChanged,
}: OptionActionsProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const name = option.name;

  async function send(path: string, body: object | undefined, message: string): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      onChanged((await postJson<ClientOptionsResponse>(path, body)).options, message);
      setBusy(false);
      return true;
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
      return false;
    }
  }

  const decide = (decision: OptionDecision, message: string, body?: object) =>
    send(decisionPath(clientSlug, option.code, decision), body, message);

  const request =
    mayRequest && option.available && canBeRequested(state) ? (
      <NoteStep
        label="Request"
        ariaLabel={`Request ${name}`}
        fieldLabel="Note (optional)"
        hint="For the hosting team: when you need it, for instance."
        submitLabel="Send the request"
        busy={busy}
        onSubmit={(note) =>
          send(
            clientOptionsPath(clientSlug),
            note === '' ? { option: option.code } : { option: option.code, note },
            `${name} is requested; an operator approves it.`,
          )
        }
      />
    ) : null;

  const decisions =
    mayDecide && state?.status === 'requested' ? (
      <>
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          aria-label={`Approve ${name}`}
          onClick={() => void decide('approve', `${name} is active; billing starts now.`)}
        >
          Approve
        </button>
        <NoteStep
          label="Reject"
          ariaLabel={`Reject ${name}`}
          fieldLabel="Reason"
          hint="The client reads it."
          required
          missing="Say why the request is refused: the client reads it."
          submitLabel="Reject the request"
          danger
          busy={busy}
          onSubmit={(note) => decide('reject', `The request for ${name} is rejected.`, { note })}
        />
      </>
    ) : mayDecide && state?.status === 'active' ? (
      <ConfirmAction
        label="Deactivate"
        ariaLabel={`Deactivate ${name}`}
        question={`Deactivate ${name}? What it changed on the platform is put back and billing stops now.`}
        confirmLabel="Yes, deactivate"
        danger
        small
        disabled={busy}
        onConfirm={() => void decide('deactivate', `${name} is deactivated; billing stopped.`)}
      />
    ) : null;

  if (request === null && decisions === null) return null;
  return (
    <>
      <div className="row-actions">
        {decisions}
        {request}
      </div>
      <ErrorAlert error={error} />
    </>
  );
}

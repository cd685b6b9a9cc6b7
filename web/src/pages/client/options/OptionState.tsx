import { DateTime } from '../../../components/DateTime';
import { StatusBadge } from '../../../components/StatusBadge';
import type { CatalogueOption } from '../../options/types';
import { optionStatusLabels } from './optionState';
import type { ClientOption } from './types';

/** A status's badge: green once active, red when refused, grey otherwise. */
function badgeTone(state: ClientOption): boolean | undefined {
  if (state.status === 'active') return true;
  if (state.status === 'rejected') return false;
  return undefined;
}

/** What became of the client's request, in a sentence. */
function StateDetail({ state }: { state: ClientOption }) {
  switch (state.status) {
    case 'requested':
      return (
        <>
          By {state.requestedBy} on <DateTime iso={state.requestedAt} />; waiting for the hosting team.
        </>
      );
    case 'active':
      return state.activatedAt === null ? null : (
        <>
          Since <DateTime iso={state.activatedAt} />
          {state.decidedBy !== null && `, approved by ${state.decidedBy}`}.
        </>
      );
    case 'rejected':
      return <>Refused{state.decidedBy !== null && ` by ${state.decidedBy}`}.</>;
    case 'deactivated':
      return state.deactivatedAt === null ? null : (
        <>
          On <DateTime iso={state.deactivatedAt} />; billing stopped then.
        </>
      );
  }
}

interface OptionStateProps {
  option: CatalogueOption;
  /** The client's latest request of the option; undefined when never requested. */
  state: ClientOption | undefined;
}

/**
 * The client's state for an option: not requested, requested (with its note), active since…,
 * rejected (with the reason), deactivated; and why the platform cannot provide it, if so.
 */
export function OptionState({ option, state }: OptionStateProps) {
  return (
    <div className="option-state">
      {state === undefined ? (
        <span>{option.available ? 'Not requested' : <StatusBadge ok={false}>Unavailable</StatusBadge>}</span>
      ) : (
        <>
          <span>
            <StatusBadge ok={badgeTone(state)}>{optionStatusLabels[state.status]}</StatusBadge>
          </span>
          <span>
            <StateDetail state={state} />
          </span>
          {state.note !== null && <span>Note: “{state.note}”</span>}
          {state.refusedBecause !== null && <span>Reason: “{state.refusedBecause}”</span>}
        </>
      )}
      {!option.available && (
        <span className="muted">Cannot be provided here: {option.unavailableBecause}</span>
      )}
    </div>
  );
}

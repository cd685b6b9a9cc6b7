import { useId } from 'react';
import { canEditDutyRoster } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Link } from '../../components/Link';
import { useAccount } from '../../session';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { ChainEditor } from './ChainEditor';
import { EscalationRecords } from './EscalationRecords';
import { EscalationSteps } from './EscalationSteps';
import type { EscalationResponse } from './types';
import './roster.css';

/**
 * `/helpdesk/escalation` (staff): who is told of tickets and alerts, in order, and the latest steps
 * taken. A step that cannot be reached passes its notice on; after the last, the operators are told.
 */
export function EscalationPage() {
  useDocumentTitle('Escalation chain');
  const stepsId = useId();
  const editId = useId();
  const recordsId = useId();
  const operator = canEditDutyRoster(useAccount());
  const chain = useApi<EscalationResponse>('/api/helpdesk/escalation');
  const { update } = chain;
  const steps = chain.data?.steps;
  const records = chain.data?.records;

  return (
    <>
      <p className="back-link">
        <Link to="/helpdesk/roster">Duty roster</Link>
      </p>
      <div className="page-header">
        <h1>Escalation chain</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={chain.reload}
          disabled={chain.loading}
        >
          Refresh
        </button>
      </div>
      <div className="stack">
        <ErrorAlert error={chain.error} />
        {chain.data === undefined && chain.loading && <p role="status">Loading the chain…</p>}
        {steps !== undefined && (
          <section className="card" aria-labelledby={stepsId}>
            <h2 id={stepsId}>Steps</h2>
            <p className="muted">
              Each notice goes to the steps told of it, in order. A step nobody can be reached at (nobody on
              duty, a team without members) passes it on to the next; after the last step, the operators are
              told.
            </p>
            <EscalationSteps steps={steps} />
          </section>
        )}
        {operator && steps !== undefined && (
          <section className="card" aria-labelledby={editId}>
            <h2 id={editId}>Change the chain</h2>
            <ChainEditor steps={steps} onSaved={(answer) => update(() => answer)} />
          </section>
        )}
        {records !== undefined && (
          <section className="card" aria-labelledby={recordsId}>
            <h2 id={recordsId}>Latest escalations</h2>
            {records.length === 0 ? (
              <p>Nobody has been told of anything yet.</p>
            ) : (
              <EscalationRecords records={records} />
            )}
          </section>
        )}
      </div>
    </>
  );
}

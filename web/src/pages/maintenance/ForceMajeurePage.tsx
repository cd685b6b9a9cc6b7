import { isOperator } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAccount } from '../../session';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { DeclareForceMajeureForm } from './DeclareForceMajeureForm';
import { ForceMajeureTable } from './ForceMajeureTable';
import type { ForceMajeureListResponse } from './types';

/** Staff: declared force majeure; operators declare a period, which corrects frozen months. */
export function ForceMajeurePage() {
  useDocumentTitle('Force majeure');
  const operator = isOperator(useAccount());
  const periods = useApi<ForceMajeureListResponse>('/api/force-majeure');
  const list = periods.data?.periods;

  return (
    <>
      <div className="page-header">
        <h1>Force majeure</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={periods.reload}
          disabled={periods.loading}
        >
          Refresh
        </button>
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="declared-heading">
          <h2 id="declared-heading">Declared periods</h2>
          <p className="muted">
            A period of force majeure leaves every client&apos;s eligible time; months already frozen get a
            correction with the reason.
          </p>
          <ErrorAlert error={periods.error} />
          {list === undefined && periods.loading && <p role="status">Loading…</p>}
          {list?.length === 0 && <p>No force majeure has been declared.</p>}
          {list !== undefined && list.length > 0 && <ForceMajeureTable periods={list} />}
        </section>
        {operator && (
          <section className="card" aria-labelledby="declare-heading">
            <h2 id="declare-heading">Declare force majeure</h2>
            <DeclareForceMajeureForm onDeclared={periods.reload} />
          </section>
        )}
      </div>
    </>
  );
}

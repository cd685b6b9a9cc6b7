import { ErrorAlert } from '../../components/ErrorAlert';
import { RadioGroup } from '../../components/RadioGroup';
import { navigate, useLocation } from '../../router';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { IncidentsTable } from './IncidentsTable';
import type { IncidentsResponse } from './types';

type Shown = 'open' | 'all';

const SHOWN = [
  { value: 'open', label: 'Open incidents' },
  { value: 'all', label: 'All incidents' },
] as const;

/** Staff: the incidents the monitors opened, open ones first of all; the choice stays in the address. */
export function IncidentsPage() {
  useDocumentTitle('Incidents');
  const { searchParams } = useLocation();
  const shown: Shown = searchParams.get('show') === 'all' ? 'all' : 'open';
  const incidents = useApi<IncidentsResponse>(
    shown === 'open' ? '/api/incidents?open=true' : '/api/incidents',
  );
  const list = incidents.data?.incidents;

  function show(value: Shown) {
    navigate(value === 'all' ? '/incidents?show=all' : '/incidents', { replace: true });
  }

  return (
    <>
      <div className="page-header">
        <h1>Incidents</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={incidents.reload}
          disabled={incidents.loading}
        >
          Refresh
        </button>
      </div>
      <div className="stack">
        <RadioGroup legend="Show" name="show" value={shown} options={SHOWN} onChange={show} />
        <ErrorAlert error={incidents.error} />
        {list === undefined && incidents.loading && <p role="status">Loading incidents…</p>}
        {list?.length === 0 && (
          <p>{shown === 'open' ? 'No incident is open: every monitor passes.' : 'No incident so far.'}</p>
        )}
        {list !== undefined && list.length > 0 && <IncidentsTable incidents={list} />}
      </div>
    </>
  );
}

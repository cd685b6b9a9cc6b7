import { useMemo } from 'react';
import { isOperator } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAccount } from '../../session';
import type { ClientsResponse } from '../../types';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { MaintenanceTable } from './MaintenanceTable';
import { ScheduleMaintenanceForm } from './ScheduleMaintenanceForm';
import type { MaintenanceListResponse } from './types';

/** Staff: planned maintenance in force with its next occurrences; operators schedule and cancel. */
export function MaintenancePage() {
  useDocumentTitle('Maintenance');
  const operator = isOperator(useAccount());
  const maintenance = useApi<MaintenanceListResponse>('/api/maintenance');
  const clients = useApi<ClientsResponse>('/api/clients');
  const clientList = clients.data?.clients;
  const clientNames = useMemo(
    () => new Map((clientList ?? []).map((client) => [client.id, client.name])),
    [clientList],
  );
  const list = maintenance.data?.maintenance;
  const { reload } = maintenance;

  return (
    <>
      <div className="page-header">
        <h1>Maintenance</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={reload}
          disabled={maintenance.loading}
        >
          Refresh
        </button>
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="scheduled-heading">
          <h2 id="scheduled-heading">Scheduled maintenance</h2>
          <p className="muted">
            Planned windows leave the eligible time of the clients they concern and silence alerts while they
            run. Only what was scheduled before it began counts.
          </p>
          <ErrorAlert error={maintenance.error} />
          <ErrorAlert error={clients.error} />
          {list === undefined && maintenance.loading && <p role="status">Loading maintenance…</p>}
          {list?.length === 0 && <p>No maintenance is scheduled.</p>}
          {list !== undefined && list.length > 0 && (
            <MaintenanceTable
              maintenance={list}
              clientNames={clientNames}
              onCancelled={operator ? reload : null}
            />
          )}
        </section>
        {operator && (
          <section className="card" aria-labelledby="schedule-heading">
            <h2 id="schedule-heading">Schedule maintenance</h2>
            <ScheduleMaintenanceForm clients={clientList ?? []} onScheduled={reload} />
          </section>
        )}
      </div>
    </>
  );
}

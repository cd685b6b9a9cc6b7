import { canSeeBackups, canSeeCredentials, canSeeReports, isStaff } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Link } from '../../components/Link';
import { useAccount } from '../../session';
import type { Client, ClientResponse, InstanceEventsResponse } from '../../types';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { BackupsSection } from './backups/BackupsSection';
import { ClientSummary } from './ClientSummary';
import { CredentialsSection } from './CredentialsSection';
import { InstanceEvents } from './InstanceEvents';
import { InstanceSection } from './InstanceSection';
import { AvailabilitySection } from './monitoring/AvailabilitySection';
import { OptionsSection } from './options/OptionsSection';
import { ReportsSection } from './reports/ReportsSection';
import { StandbySection } from './standby/StandbySection';

export function ClientDetails({ slug }: { slug: string }) {
  const account = useAccount();
  const base = `/api/clients/${encodeURIComponent(slug)}`;
  const client = useApi<ClientResponse>(base);
  const events = useApi<InstanceEventsResponse>(`${base}/events`);
  const current = client.data?.client;
  useDocumentTitle(current?.name ?? 'Client');
  const { update } = client;
  const reloadEvents = events.reload;

  /** An action answered with the client as it is now; it also added events. */
  function changed(updated: Client) {
    update(() => ({ client: updated }));
    reloadEvents();
  }

  function refresh() {
    client.reload();
    events.reload();
  }

  return (
    <>
      {isStaff(account) && (
        <p className="back-link">
          <Link to="/clients">All clients</Link>
        </p>
      )}
      <div className="page-header">
        <h1>{current?.name ?? 'Client'}</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={refresh}
          disabled={client.loading || events.loading}
        >
          Refresh
        </button>
      </div>
      <div className="stack">
        <ErrorAlert error={client.error} />
        {current === undefined ? (
          client.loading && <p role="status">Loading client…</p>
        ) : (
          <>
            <ClientSummary client={current} onChanged={changed} />
            <InstanceSection instance={current.instance} />
            <AvailabilitySection client={current} />
            {canSeeCredentials(account) && <CredentialsSection client={current} />}
            {canSeeBackups(account) && <BackupsSection client={current} />}
            {canSeeReports(account) && <ReportsSection client={current} />}
            <OptionsSection client={current} />
            <StandbySection client={current} />
            <InstanceEvents events={events} />
          </>
        )}
      </div>
    </>
  );
}

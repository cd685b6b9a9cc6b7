import { isOperator } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAccount } from '../../session';
import type { Client, ClientsResponse } from '../../types';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { ClientsTable } from './ClientsTable';
import { NewClientForm } from './NewClientForm';

export function ClientsPage() {
  useDocumentTitle('Clients');
  const account = useAccount();
  const clients = useApi<ClientsResponse>('/api/clients');
  const list = clients.data?.clients;
  const { update } = clients;

  function replace(updated: Client) {
    update((data) => ({ clients: data.clients.map((item) => (item.id === updated.id ? updated : item)) }));
  }

  return (
    <>
      <div className="page-header">
        <h1>Clients</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={clients.reload}
          disabled={clients.loading}
        >
          Refresh
        </button>
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="clients-heading">
          <h2 id="clients-heading">All clients</h2>
          <ErrorAlert error={clients.error} />
          {list === undefined && clients.loading && <p role="status">Loading clients…</p>}
          {list?.length === 0 && <p>No clients yet.</p>}
          {list !== undefined && list.length > 0 && (
            <ClientsTable clients={list} editable={isOperator(account)} onUpdated={replace} />
          )}
        </section>
        {isOperator(account) && <NewClientForm onCreated={clients.reload} />}
      </div>
    </>
  );
}

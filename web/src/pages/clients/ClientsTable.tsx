import type { Client } from '../../types';
import { ClientRow } from './ClientRow';

interface ClientsTableProps {
  clients: readonly Client[];
  /** Operators may change settings; support agents only look. */
  editable: boolean;
  onUpdated: (client: Client) => void;
}

export function ClientsTable({ clients, editable, onUpdated }: ClientsTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Slug</th>
            <th scope="col">Plan</th>
            <th scope="col">Status</th>
            <th scope="col">Database</th>
            <th scope="col">Two-factor required</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Links</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <ClientRow key={client.id} client={client} editable={editable} onUpdated={onUpdated} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

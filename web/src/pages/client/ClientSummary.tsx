import { isOperator } from '../../access';
import { DateTime } from '../../components/DateTime';
import { DescriptionItem } from '../../components/DescriptionItem';
import { planLabels } from '../../labels';
import { useAccount } from '../../session';
import type { Client } from '../../types';
import { ClientStatusBadge } from '../clients/ClientStatusBadge';
import { ClientActions } from './ClientActions';

interface ClientSummaryProps {
  client: Client;
  onChanged: (client: Client) => void;
}

export function ClientSummary({ client, onChanged }: ClientSummaryProps) {
  const account = useAccount();
  return (
    <section className="card" aria-labelledby="client-heading">
      <h2 id="client-heading">Client</h2>
      <dl className="description-list">
        <DescriptionItem term="Name">{client.name}</DescriptionItem>
        <DescriptionItem term="Slug">
          <code>{client.slug}</code>
        </DescriptionItem>
        <DescriptionItem term="Plan">{planLabels[client.plan]}</DescriptionItem>
        <DescriptionItem term="Status">
          <ClientStatusBadge status={client.status} />
        </DescriptionItem>
        <DescriptionItem term="Created">
          <DateTime iso={client.createdAt} />
        </DescriptionItem>
      </dl>
      {client.status === 'deleting' && (
        <p className="note note-warning">
          {client.deleteAfter === null ? (
            'Removed after the grace period'
          ) : (
            <>
              Removed after <DateTime iso={client.deleteAfter} />
            </>
          )}
          ; Resume cancels the deletion. Its database is stopped until then.
        </p>
      )}
      {client.status === 'suspended' && (
        <p className="note note-warning">
          Suspended: the database refuses every connection until the client is resumed. Its data is kept.
        </p>
      )}
      {isOperator(account) && <ClientActions client={client} onChanged={onChanged} />}
    </section>
  );
}

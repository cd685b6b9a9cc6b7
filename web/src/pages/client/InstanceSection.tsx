import { DescriptionItem } from '../../components/DescriptionItem';
import { formatMegabytes } from '../../format';
import type { ClientInstance } from '../../types';
import { InstanceStatusBadge } from '../clients/InstanceStatusBadge';

/** The client's dedicated PostgreSQL instance: where it is and how to reach it (no password). */
export function InstanceSection({ instance }: { instance: ClientInstance | null }) {
  return (
    <section className="card" aria-labelledby="instance-heading">
      <h2 id="instance-heading">Database instance</h2>
      {instance === null ? (
        <p>This client has no database instance.</p>
      ) : (
        <dl className="description-list">
          <DescriptionItem term="State">
            <InstanceStatusBadge instance={instance} />
          </DescriptionItem>
          <DescriptionItem term="Address">
            <code>
              {instance.host}:{instance.port}/{instance.database}
            </code>
          </DescriptionItem>
          <DescriptionItem term="Owner user">
            <code>{instance.user}</code>
          </DescriptionItem>
          <DescriptionItem term="Disk usage">
            {instance.diskUsageBytes === null ? 'Unknown' : formatMegabytes(instance.diskUsageBytes)}
          </DescriptionItem>
          <DescriptionItem term="Connection URI">
            <code className="uri">{instance.uri}</code>
            <p className="field-hint">
              Without a password: the owner&apos;s password was shown once, at creation.
            </p>
          </DescriptionItem>
          <DescriptionItem term="CA certificate">
            <code>{instance.caFile}</code>
            <p className="field-hint">
              On the platform&apos;s host. Connections must use TLS and verify the server with it.
            </p>
          </DescriptionItem>
        </dl>
      )}
    </section>
  );
}

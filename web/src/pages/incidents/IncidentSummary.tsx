import { DateTime } from '../../components/DateTime';
import { DescriptionItem } from '../../components/DescriptionItem';
import { Link } from '../../components/Link';
import { IncidentStatusBadge } from './IncidentStatusBadge';
import type { Incident } from './types';

/** Whose incident it is, where it stands and who is on it. */
export function IncidentSummary({ incident }: { incident: Incident }) {
  return (
    <dl className="description-list">
      <DescriptionItem term="Client">
        <Link to={`/clients/${encodeURIComponent(incident.clientSlug)}`}>{incident.clientSlug}</Link>
      </DescriptionItem>
      <DescriptionItem term="Monitor">{incident.monitorName ?? 'Removed since'}</DescriptionItem>
      <DescriptionItem term="Status">
        <IncidentStatusBadge status={incident.status} />
      </DescriptionItem>
      <DescriptionItem term="Opened">
        <DateTime iso={incident.openedAt} />
      </DescriptionItem>
      <DescriptionItem term="Acknowledged">
        {incident.acknowledgedAt === null ? (
          'Not yet'
        ) : (
          <>
            By {incident.acknowledgedBy ?? 'someone'}, <DateTime iso={incident.acknowledgedAt} />
          </>
        )}
      </DescriptionItem>
      <DescriptionItem term="Resolved">
        {incident.resolvedAt === null ? 'Not yet' : <DateTime iso={incident.resolvedAt} />}
      </DescriptionItem>
    </dl>
  );
}

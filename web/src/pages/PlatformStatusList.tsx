import { DescriptionItem } from '../components/DescriptionItem';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime, formatUptime } from '../format';
import type { PlatformStatus } from '../types';

const databaseModes: Record<PlatformStatus['database']['mode'], string> = {
  embedded: 'Embedded (managed by Oxygis)',
  external: 'External',
};

export function PlatformStatusList({ status }: { status: PlatformStatus }) {
  return (
    <dl className="description-list">
      <DescriptionItem term="Version">{status.version}</DescriptionItem>
      <DescriptionItem term="Started at">
        <time dateTime={status.startedAt}>{formatDateTime(status.startedAt)}</time>
      </DescriptionItem>
      <DescriptionItem term="Uptime">{formatUptime(status.uptimeSeconds)}</DescriptionItem>
      <DescriptionItem term="Database mode">{databaseModes[status.database.mode]}</DescriptionItem>
      <DescriptionItem term="Database server version">{status.database.serverVersion}</DescriptionItem>
      <DescriptionItem term="Database">
        <StatusBadge ok={status.database.ready}>{status.database.ready ? 'Ready' : 'Not ready'}</StatusBadge>
      </DescriptionItem>
      <DescriptionItem term="Job runner">
        <StatusBadge ok={status.jobs.running}>{status.jobs.running ? 'Running' : 'Stopped'}</StatusBadge>
      </DescriptionItem>
    </dl>
  );
}

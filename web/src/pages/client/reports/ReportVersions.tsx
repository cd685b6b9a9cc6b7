import { useId } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { ApiResource } from '../../../useApi';
import type { ReportVersionsResponse } from './types';
import { VersionsTable } from './VersionsTable';

interface ReportVersionsProps {
  versions: ApiResource<ReportVersionsResponse>;
  clientSlug: string;
}

/** The archive: each closed month's report as it was made, and every amendment after it. */
export function ReportVersions({ versions, clientSlug }: ReportVersionsProps) {
  const headingId = useId();
  const list = versions.data?.reports;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Versions</h3>
      <p className="muted">
        A month&apos;s report is archived once the month is over and never changes; a correction is a new
        version that says why.
      </p>
      <ErrorAlert error={versions.error} />
      {list === undefined && versions.loading && <p role="status">Loading the versions…</p>}
      {list?.length === 0 && <p>No report is archived yet.</p>}
      {list !== undefined && list.length > 0 && <VersionsTable versions={list} clientSlug={clientSlug} />}
    </section>
  );
}

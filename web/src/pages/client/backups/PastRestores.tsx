import { useId } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { RestoreRun, RestoresResponse } from '../../../types';
import type { ApiResource } from '../../../useApi';
import { RestoresTable } from './RestoresTable';

interface PastRestoresProps {
  restores: ApiResource<RestoresResponse>;
  restoresPath: string;
  /** Null for those who may only look. */
  onKept: ((run: RestoreRun) => void) | null;
}

/** Every restore of the client's database, newest first. */
export function PastRestores({ restores, restoresPath, onKept }: PastRestoresProps) {
  const headingId = useId();
  const list = restores.data?.restores;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Past restores</h3>
      <ErrorAlert error={restores.error} />
      {list === undefined && restores.loading && <p role="status">Loading restores…</p>}
      {list?.length === 0 && <p>The database has never been restored.</p>}
      {list !== undefined && list.length > 0 && (
        <RestoresTable restores={list} restoresPath={restoresPath} onKept={onKept} />
      )}
    </section>
  );
}

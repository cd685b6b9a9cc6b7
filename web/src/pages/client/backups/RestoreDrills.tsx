import { useId, useState } from 'react';
import { canTakeBackups } from '../../../access';
import { ApiError, asApiError, postJson } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusNote } from '../../../components/StatusNote';
import { useAccount } from '../../../session';
import type { RestoreDrill, RestoreDrillsResponse } from '../../../types';
import type { ApiResource } from '../../../useApi';
import { LastDrill } from './LastDrill';

interface RestoreDrillsProps {
  drills: ApiResource<RestoreDrillsResponse>;
  backupsPath: string;
}

/**
 * Restore drills: the latest state restored into a scratch instance, checked and removed (the
 * live database is not touched). Run weekly by the platform; its administrators run one now.
 */
export function RestoreDrills({ drills, backupsPath }: RestoreDrillsProps) {
  const account = useAccount();
  const headingId = useId();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const last = drills.data?.drills[0];
  const { reload } = drills;

  async function runDrill() {
    setRunning(true);
    setError(undefined);
    setDone(undefined);
    try {
      const drill = await postJson<RestoreDrill>(`${backupsPath}/drill`);
      setDone(drill.ok ? 'The restore drill worked.' : 'The restore drill failed; see its error below.');
    } catch (caught) {
      setError(asApiError(caught));
    }
    setRunning(false);
    reload();
  }

  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Restore drills</h3>
      <p className="muted">
        The latest state is restored into a scratch copy, checked and removed; the live database is not
        touched. The platform runs one every week.
      </p>
      <ErrorAlert error={drills.error} />
      {drills.data === undefined && drills.loading && <p role="status">Loading restore drills…</p>}
      {drills.data !== undefined && last === undefined && <p>No restore drill has run yet.</p>}
      {last !== undefined && <LastDrill drill={last} />}
      {canTakeBackups(account) && (
        <div className="client-actions">
          <div className="button-row">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void runDrill()}
              disabled={running}
            >
              {running ? 'Running a restore drill…' : 'Run a restore drill'}
            </button>
          </div>
          <StatusNote message={running ? 'Running a restore drill…' : done} />
          <ErrorAlert error={error} />
        </div>
      )}
    </section>
  );
}

import { useState } from 'react';
import { ApiError, asApiError, postJson } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusNote } from '../../../components/StatusNote';
import type { VerifyReport } from '../../../types';

/** The first problems found are listed; the rest only counted, to keep the page readable. */
const PROBLEMS_SHOWN = 10;

function ProblemsFound({ report }: { report: VerifyReport }) {
  const hidden = report.problems.length - PROBLEMS_SHOWN;
  return (
    <div role="alert" className="alert">
      <p>
        Checked {report.checkedObjects} objects: {report.problems.length} problem(s)
        {report.walGaps.length > 0 && `, ${report.walGaps.length} gap(s) in the WAL chain`}.
      </p>
      <ul>
        {report.problems.slice(0, PROBLEMS_SHOWN).map((problem) => (
          <li key={`${problem.target}/${problem.object}`}>
            {problem.target}: <code>{problem.object}</code> {problem.problem}
          </li>
        ))}
        {hidden > 0 && <li>and {hidden} more</li>}
        {report.walGaps.map((gap) => (
          <li key={gap}>
            WAL gap at <code>{gap}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Re-reads every backup object on every target and checks it against the catalogue. */
export function VerifyButton({ backupsPath, onVerified }: { backupsPath: string; onVerified: () => void }) {
  const [verifying, setVerifying] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [report, setReport] = useState<VerifyReport>();

  async function verify() {
    setVerifying(true);
    setError(undefined);
    setReport(undefined);
    try {
      setReport(await postJson<VerifyReport>(`${backupsPath}/verify`));
    } catch (caught) {
      setError(asApiError(caught));
    }
    setVerifying(false);
    onVerified();
  }

  return (
    <div className="client-actions">
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void verify()}
          disabled={verifying}
        >
          {verifying ? 'Verifying the copies…' : 'Verify the copies'}
        </button>
      </div>
      <StatusNote
        message={
          verifying
            ? 'Verifying the copies…'
            : report?.ok
              ? `Checked ${report.checkedObjects} objects on every target: all intact, no gap in the WAL chain.`
              : undefined
        }
      />
      {report !== undefined && !report.ok && <ProblemsFound report={report} />}
      <ErrorAlert error={error} />
    </div>
  );
}

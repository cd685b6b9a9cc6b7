import { DateTime } from '../../../components/DateTime';
import { monthLabel } from '../monitoring/figures';
import { ReportLinks } from './ReportLinks';
import type { ReportVersion } from './types';

/** Every archived version of the client's reports, newest month first. */
export function VersionsTable({
  versions,
  clientSlug,
}: {
  versions: readonly ReportVersion[];
  clientSlug: string;
}) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Archived reports, newest month first</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Version</th>
            <th scope="col">Reason</th>
            <th scope="col">Made at</th>
            <th scope="col">Made by</th>
            <th scope="col">
              <span className="visually-hidden">Documents</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((entry) => {
            const name = `version ${entry.version} of ${monthLabel(entry.month)}`;
            return (
              <tr key={`${entry.month}-${entry.version}`}>
                <th scope="row">{monthLabel(entry.month)}</th>
                <td>{entry.version}</td>
                <td className="cell-wrap">{entry.reason ?? 'Archived when the month closed'}</td>
                <td>
                  <DateTime iso={entry.createdAt} />
                </td>
                <td>{entry.createdBy}</td>
                <td className="cell-actions">
                  <ReportLinks
                    clientSlug={clientSlug}
                    month={entry.month}
                    version={entry.version}
                    compact={{ html: `Open ${name} (HTML)`, pdf: `Download ${name} (PDF)` }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

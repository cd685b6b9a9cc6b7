import { useMemo, useState } from 'react';
import { canAmendReports } from '../../../access';
import { SelectField } from '../../../components/SelectField';
import { useAccount } from '../../../session';
import type { Client } from '../../../types';
import { useApi } from '../../../useApi';
import { monthLabel } from '../monitoring/figures';
import { AmendReportForm } from './AmendReportForm';
import { defaultReportMonth, isClosedMonth, reportMonths, reportPath, reportsPath } from './reportPaths';
import { ReportSummary } from './ReportSummary';
import { ReportVersions } from './ReportVersions';
import type { ReportVersionsResponse, SlaReportResponse } from './types';

/**
 * A client's monthly service level reports: a month's summary (provisional until the month is
 * archived) with the report as HTML and PDF, the archived versions, and operators' amendments.
 */
export function ReportsSection({ client }: { client: Client }) {
  const account = useAccount();
  const months = useMemo(() => reportMonths(new Date()), []);
  const [month, setMonth] = useState(() => defaultReportMonth(months, client.createdAt));
  const report = useApi<SlaReportResponse>(reportPath(client.slug, month, 'json'));
  const versions = useApi<ReportVersionsResponse>(reportsPath(client.slug));
  const monthClosed = isClosedMonth(month, new Date());
  const { reload: reloadReport } = report;
  const { reload: reloadVersions } = versions;

  function refresh() {
    reloadReport();
    reloadVersions();
  }

  return (
    <section className="card" aria-labelledby="reports-heading">
      <div className="card-header">
        <h2 id="reports-heading">Monthly reports</h2>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={refresh}
          disabled={report.loading || versions.loading}
        >
          Refresh
        </button>
      </div>
      <p className="muted">
        The evidence that each promise of the agreement was kept in a month: availability, incidents, backups,
        data-loss exposure, restore drills and support.
      </p>
      <div className="toolbar">
        <SelectField
          label="Report month"
          name="report-month"
          value={month}
          options={months.map((value, index) => ({
            value,
            label: index === 0 ? `${monthLabel(value)} (so far)` : monthLabel(value),
          }))}
          onChange={setMonth}
          hint="Months as the agreement counts them, in Brussels time."
        />
      </div>
      <ReportSummary report={report} clientSlug={client.slug} month={month} monthClosed={monthClosed} />
      {canAmendReports(account) && monthClosed && (
        <AmendReportForm key={month} clientSlug={client.slug} month={month} onAmended={refresh} />
      )}
      <ReportVersions versions={versions} clientSlug={client.slug} />
    </section>
  );
}

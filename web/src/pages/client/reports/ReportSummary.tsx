import { useId } from 'react';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { ApiResource } from '../../../useApi';
import { monthLabel } from '../monitoring/figures';
import { PromisesTable } from './PromisesTable';
import { ReportLinks } from './ReportLinks';
import { versionLine } from './reportWords';
import type { SlaReportResponse } from './types';

interface ReportSummaryProps {
  report: ApiResource<SlaReportResponse>;
  clientSlug: string;
  month: string;
  monthClosed: boolean;
}

/** The chosen month's report: which version it is, each promise's verdict, and the documents. */
export function ReportSummary({ report, clientSlug, month, monthClosed }: ReportSummaryProps) {
  const headingId = useId();
  // While another month loads, the previous month's answer is still there: never show it as this one.
  const shown = report.data?.report.month === month ? report.data.report : undefined;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Summary of {monthLabel(month)}</h3>
      <ErrorAlert error={report.error} />
      {shown === undefined && report.loading && <p role="status">Loading the report…</p>}
      {shown !== undefined && (
        <>
          <p className={shown.provisional ? 'note' : 'muted'}>{versionLine(shown, monthClosed)}</p>
          <p className="muted">
            Generated <DateTime iso={shown.generatedAt} />; months and days of {shown.zone}.
          </p>
          <PromisesTable report={shown} />
        </>
      )}
      <ReportLinks clientSlug={clientSlug} month={month} />
    </section>
  );
}

import { pdfFileName, reportPath } from './reportPaths';

interface ReportLinksProps {
  clientSlug: string;
  month: string;
  /** The latest version when left out. */
  version?: number;
  /** Small links with these accessible names, for a row of the versions table. */
  compact?: { html: string; pdf: string };
}

/**
 * The report as a document: HTML in a new tab, PDF as a file. The browser sends the session
 * cookie with both.
 */
export function ReportLinks({ clientSlug, month, version, compact }: ReportLinksProps) {
  const size = compact === undefined ? '' : ' button-small';
  return (
    <div className="row-actions">
      <a
        className={`button button-secondary${size}`}
        href={reportPath(clientSlug, month, 'html', version)}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={compact?.html}
      >
        {compact === undefined ? 'Open the report (HTML)' : 'HTML'}
      </a>
      <a
        className={`button button-secondary${size}`}
        href={reportPath(clientSlug, month, 'pdf', version)}
        download={pdfFileName(clientSlug, month, version)}
        aria-label={compact?.pdf}
      >
        {compact === undefined ? 'Download PDF' : 'PDF'}
      </a>
    </div>
  );
}

/** The most the server exports at once. */
const EXPORT_LIMIT = 10_000;

function exportUrl(clientSlug: string | null, format: 'csv' | 'json'): string {
  const query = new URLSearchParams({ format, limit: String(EXPORT_LIMIT) });
  if (clientSlug !== null) query.set('client', clientSlug);
  return `/api/audit?${query.toString()}`;
}

/** The log (of the chosen client) as files; the browser sends the session cookie with them. */
export function AuditDownloads({ clientSlug }: { clientSlug: string | null }) {
  return (
    <>
      <a
        className="button button-secondary button-small"
        href={exportUrl(clientSlug, 'csv')}
        download="oxygis-audit.csv"
      >
        Download CSV
      </a>
      <a
        className="button button-secondary button-small"
        href={exportUrl(clientSlug, 'json')}
        download="oxygis-audit.json"
      >
        Download JSON
      </a>
    </>
  );
}

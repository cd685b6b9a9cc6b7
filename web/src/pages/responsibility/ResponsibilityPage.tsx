import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { ModelTable } from './ModelTable';
import { PartyBadge } from './PartyBadge';
import type { ResponsibilityMatrixResponse } from './types';

/**
 * `/responsibility`: the agreement's shared responsibility matrix, the hosted and the self-hosted
 * model side by side, for every signed-in account.
 */
export function ResponsibilityPage() {
  useDocumentTitle('Responsibilities');
  const matrix = useApi<ResponsibilityMatrixResponse>('/api/responsibility-matrix');
  const data = matrix.data;

  return (
    <>
      <div className="page-header">
        <h1>Responsibilities</h1>
      </div>
      <div className="stack">
        <ErrorAlert error={matrix.error} />
        {data === undefined && matrix.loading && <p role="status">Loading the matrix…</p>}
        {data !== undefined && (
          <>
            <section className="card" aria-labelledby="responsibility-parties">
              <h2 id="responsibility-parties">{data.title}</h2>
              <p>{data.reading}</p>
              <dl className="description-list">
                {data.parties.map((party) => (
                  <div className="description-item" key={party.id}>
                    <dt>
                      <PartyBadge party={party.id} name={party.name} />
                    </dt>
                    <dd>{party.description}</dd>
                  </div>
                ))}
              </dl>
            </section>
            <div className="responsibility-models">
              {data.models.map((model) => (
                <ModelTable key={model.id} model={model} rows={data.tables[model.id]} />
              ))}
            </div>
            <section className="card" aria-labelledby="responsibility-notes">
              <h2 id="responsibility-notes">Notes</h2>
              <dl className="responsibility-footnotes">
                {data.footnotes.map((footnote) => (
                  <div key={footnote.mark}>
                    <dt>{footnote.mark}</dt>
                    <dd>{footnote.text}</dd>
                  </div>
                ))}
              </dl>
            </section>
          </>
        )}
      </div>
    </>
  );
}

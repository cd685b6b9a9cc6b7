import { PartyBadge } from './PartyBadge';
import type { MatrixTableRow, ModelInfo } from './types';

interface ModelTableProps {
  model: ModelInfo;
  rows: readonly MatrixTableRow[];
}

/** One deployment model: each layer of the matrix and who answers for it. */
export function ModelTable({ model, rows }: ModelTableProps) {
  const headingId = `responsibility-${model.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {model.name}
        {model.mark !== undefined && <sup>{model.mark}</sup>}
      </h2>
      <p className="muted">{model.description}</p>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="visually-hidden">Who is responsible for each layer: {model.name}</caption>
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Responsible</th>
              <th scope="col">Who does what</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.area}>
                <th scope="row">
                  {row.area}
                  {row.mark !== null && <sup>{row.mark}</sup>}
                  {row.note !== null && <span className="responsibility-note muted">{row.note}</span>}
                </th>
                <td>
                  <ul className="party-list">
                    {row.parties.map((party, index) => (
                      <li key={party}>
                        <PartyBadge party={party} name={row.partyNames[index] ?? party} />
                      </li>
                    ))}
                  </ul>
                  {row.shared && <span className="visually-hidden"> (shared)</span>}
                </td>
                <td>{row.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

import { canDecideOptions } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAccount } from '../../session';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { CatalogueTable } from './CatalogueTable';
import { CATALOGUE_PATH } from './optionWords';
import type { CatalogueOption, CatalogueResponse } from './types';

/**
 * `/options`, staff: the agreement's service options and their prices; operators change a price.
 * Clients request the options on their own page, where operators approve them.
 */
export function OptionsPage() {
  useDocumentTitle('Service options');
  const operator = canDecideOptions(useAccount());
  const catalogue = useApi<CatalogueResponse>(CATALOGUE_PATH);
  const list = catalogue.data?.options;
  const { update } = catalogue;

  function priced(saved: CatalogueOption) {
    update((data) => ({ options: data.options.map((o) => (o.code === saved.code ? saved : o)) }));
  }

  return (
    <>
      <div className="page-header">
        <h1>Service options</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={catalogue.reload}
          disabled={catalogue.loading}
        >
          Refresh
        </button>
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="catalogue-heading">
          <h2 id="catalogue-heading">Catalogue</h2>
          <p className="muted">
            A client&apos;s administrator requests an option on the client&apos;s page; an operator approves
            it there, which applies it and starts billing at the price of that moment.
            {operator && ' A new price applies to the next approvals; active options keep theirs.'}
          </p>
          <ErrorAlert error={catalogue.error} />
          {list === undefined && catalogue.loading && <p role="status">Loading the catalogue…</p>}
          {list?.length === 0 && <p>The catalogue has no option.</p>}
          {list !== undefined && list.length > 0 && (
            <CatalogueTable options={list} onPriced={operator ? priced : null} />
          )}
        </section>
      </div>
    </>
  );
}

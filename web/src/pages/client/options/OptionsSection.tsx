import { useState } from 'react';
import { canDecideOptions, canRequestOptions, canSeeOptions, canSeePurchaseOrder } from '../../../access';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Link } from '../../../components/Link';
import { StatusNote } from '../../../components/StatusNote';
import { useAccount } from '../../../session';
import type { Client } from '../../../types';
import { useApi } from '../../../useApi';
import { CATALOGUE_PATH } from '../../options/optionWords';
import type { CatalogueResponse } from '../../options/types';
import { clientOptionsPath } from './optionPaths';
import { OptionsTable } from './OptionsTable';
import { PurchaseOrderPanel } from './PurchaseOrderPanel';
import type { ClientOption, ClientOptionsResponse } from './types';

/** A client's service options, for staff and the client's administrators (others get nothing). */
export function OptionsSection({ client }: { client: Client }) {
  const account = useAccount();
  if (!canSeeOptions(account)) return null;
  return <ClientOptions client={client} />;
}

/**
 * The agreement's options with the client's state of each; the client's administrators request
 * them, operators approve, reject or deactivate; below, this month's purchase order.
 */
function ClientOptions({ client }: { client: Client }) {
  const account = useAccount();
  const staff = account.kind === 'staff';
  const mayRequest = canRequestOptions(account);
  const mayDecide = canDecideOptions(account);
  const catalogue = useApi<CatalogueResponse>(CATALOGUE_PATH);
  const history = useApi<ClientOptionsResponse>(clientOptionsPath(client.slug));
  const [done, setDone] = useState<string>();
  const [changes, setChanges] = useState(0);
  const { update: updateHistory } = history;
  const reloadOrder = () => setChanges((n) => n + 1);

  function changed(options: ClientOption[], message: string) {
    updateHistory(() => ({ options }));
    setDone(message);
    reloadOrder();
  }

  function refresh() {
    setDone(undefined);
    catalogue.reload();
    history.reload();
    reloadOrder();
  }

  const options = catalogue.data?.options;
  const states = history.data?.options;
  return (
    <section className="card" aria-labelledby="options-heading">
      <div className="card-header">
        <h2 id="options-heading">Service options</h2>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={refresh}
          disabled={catalogue.loading || history.loading}
        >
          Refresh
        </button>
      </div>
      <p className="muted">
        Options of the agreement, billed per month of use.{' '}
        {staff ? 'The client’s administrators' : 'Your administrators'} request an option; it applies once the
        hosting team approves it.
        {staff && (
          <>
            {' '}
            Prices are set on the <Link to="/options">Service options</Link> page.
          </>
        )}
      </p>
      <ErrorAlert error={catalogue.error ?? history.error} />
      {(options === undefined || states === undefined) && (catalogue.loading || history.loading) && (
        <p role="status">Loading the options…</p>
      )}
      {options !== undefined && states !== undefined && (
        <OptionsTable
          clientSlug={client.slug}
          catalogue={options}
          history={states}
          mayRequest={mayRequest}
          mayDecide={mayDecide}
          onChanged={changed}
        />
      )}
      <StatusNote message={done} />
      {/* Support agents may not read it. */}
      {canSeePurchaseOrder(account) && <PurchaseOrderPanel clientSlug={client.slug} refreshed={changes} />}
    </section>
  );
}

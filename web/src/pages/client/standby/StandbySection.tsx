import { useEffect, useState } from 'react';
import { ApiError, asApiError, postJson } from '../../../api';
import { canDecideOptions, canSeeOptions } from '../../../access';
import { DateTime } from '../../../components/DateTime';
import { DescriptionItem } from '../../../components/DescriptionItem';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { StatusNote } from '../../../components/StatusNote';
import { useAccount } from '../../../session';
import type { Client } from '../../../types';
import { useApi } from '../../../useApi';
import { FailoverForm } from './FailoverForm';
import { lagText, standbyCondition } from './standbyWords';
import type { StandbyResponse } from './types';

/** The multi-zone option's standby, for staff and the client's administrators; nothing without it. */
export function StandbySection({ client }: { client: Client }) {
  const account = useAccount();
  if (!canSeeOptions(account)) return null;
  return <ClientStandby client={client} />;
}

function ClientStandby({ client }: { client: Client }) {
  const account = useAccount();
  const path = `/api/clients/${encodeURIComponent(client.slug)}/standby`;
  const status = useApi<StandbyResponse>(path);
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const { reload, update } = status;
  const standby = status.data?.standby;
  const settling =
    standby !== undefined && standby !== null && (standby.state !== 'streaming' || standby.lagBytes !== 0);

  // While it is being built, catching up or behind, look again every few seconds.
  useEffect(() => {
    if (!settling) return;
    const timer = setInterval(reload, 3000);
    return () => clearInterval(timer);
  }, [settling, reload]);

  async function rebuild() {
    setError(undefined);
    try {
      await postJson<StandbyResponse>(`${path}/rebuild`);
      setDone('The standby is being built again from a fresh base backup.');
      reload();
    } catch (caught) {
      setError(asApiError(caught));
    }
  }

  if (status.data && !standby && !done) return null;
  const condition = standby ? standbyCondition(standby) : undefined;
  return (
    <section className="card" aria-labelledby="standby-heading">
      <div className="card-header">
        <h2 id="standby-heading">Standby in another zone</h2>
        <button type="button" className="button button-secondary button-small" onClick={reload}>
          Refresh
        </button>
      </div>
      <p className="muted">
        Multi-zone deployment: a copy of the database in zone {standby?.zone ?? '…'} follows every transaction
        of the primary (zone {status.data?.primaryZone ?? '…'}) and can take over.
      </p>
      <ErrorAlert error={status.error ?? error} />
      <StatusNote message={done} />
      {standby && condition && (
        <dl className="description-list">
          <DescriptionItem term="State">
            <StatusBadge ok={condition.ok}>{condition.text}</StatusBadge>
            {standby.error && <span className="muted"> {standby.error}</span>}
          </DescriptionItem>
          <DescriptionItem term="Replication lag">{lagText(standby)}</DescriptionItem>
          <DescriptionItem term="Zone">{`Zone ${standby.zone}`}</DescriptionItem>
          <DescriptionItem term="Last looked at">
            {standby.checkedAt ? <DateTime iso={standby.checkedAt} /> : 'not yet'}
          </DescriptionItem>
          <DescriptionItem term="Since">
            <DateTime iso={standby.createdAt} />
          </DescriptionItem>
        </dl>
      )}
      {standby && canDecideOptions(account) && (
        <>
          <div>
            <button type="button" className="button button-secondary" onClick={() => void rebuild()}>
              Rebuild the standby
            </button>
          </div>
          {standby.status === 'running' && (
            <FailoverForm
              clientSlug={client.slug}
              standbyPath={path}
              onDone={(result) => {
                update(() => result);
                setDone(`Failover done: the database now runs in zone ${result.primaryZone ?? '?'}.`);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

import { useEffect, useMemo } from 'react';
import { isStaff } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RadioGroup } from '../../components/RadioGroup';
import { navigate, useLocation } from '../../router';
import { useAccount } from '../../session';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { NewTicketSection } from './NewTicketSection';
import { queueOrder } from './queueOrder';
import { TicketsTable } from './TicketsTable';
import type { TicketsResponse } from './types';
import './helpdesk.css';

/** Tickets come in and get answered meanwhile: the list is read again this often. */
const POLL_MS = 30_000;

type Shown = 'open' | 'all';

const SHOWN = [
  { value: 'open', label: 'Open tickets' },
  { value: 'all', label: 'All tickets' },
] as const;

/**
 * `/tickets`: for staff, the agents' queue (every client's tickets, with the time left to each
 * response deadline); for a client's people, their tickets ("Support"). Both file new tickets.
 */
export function TicketsPage() {
  const staff = isStaff(useAccount());
  const title = staff ? 'Helpdesk' : 'Support';
  useDocumentTitle(title);
  const { searchParams } = useLocation();
  const shown: Shown = searchParams.get('show') === 'all' ? 'all' : 'open';
  const tickets = useApi<TicketsResponse>(shown === 'open' ? '/api/tickets?open=true' : '/api/tickets');
  const { reload } = tickets;
  useEffect(() => {
    const timer = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(timer);
  }, [reload]);
  const loaded = tickets.data?.tickets;
  const list = useMemo(() => (loaded === undefined ? undefined : queueOrder(loaded)), [loaded]);

  function show(value: Shown) {
    navigate(value === 'all' ? '/tickets?show=all' : '/tickets', { replace: true });
  }

  const queue = (
    <section className="card" aria-labelledby="tickets-heading">
      <h2 id="tickets-heading">{staff ? 'Queue' : 'Your tickets'}</h2>
      <RadioGroup legend="Show" name="show" value={shown} options={SHOWN} onChange={show} />
      <ErrorAlert error={tickets.error} />
      {list === undefined && tickets.loading && <p role="status">Loading tickets…</p>}
      {list?.length === 0 && <p>{shown === 'open' ? 'No ticket is open.' : 'No ticket so far.'}</p>}
      {list !== undefined && list.length > 0 && <TicketsTable tickets={list} showClient={staff} />}
    </section>
  );

  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        <button type="button" className="button button-secondary" onClick={reload} disabled={tickets.loading}>
          Refresh
        </button>
      </div>
      {/* Clients come to file a ticket; agents to work through the queue. */}
      <div className="stack">
        {!staff && <NewTicketSection />}
        {queue}
        {staff && <NewTicketSection />}
      </div>
    </>
  );
}

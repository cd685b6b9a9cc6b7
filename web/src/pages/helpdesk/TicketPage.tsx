import { useRouteParam } from '../../router';
import { TicketView } from './TicketView';

/** `/tickets/:number`: one ticket. */
export function TicketPage() {
  const number = useRouteParam('number') ?? '';
  return <TicketView key={number} number={number} />;
}

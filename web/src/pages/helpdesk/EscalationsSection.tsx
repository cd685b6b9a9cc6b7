import { useId } from 'react';
import { Link } from '../../components/Link';
import { EscalationsTable } from './EscalationsTable';
import type { TicketEscalation } from './types';

/** Staff: whom the escalation chain told of the ticket (new ticket, clock warnings, breach). */
export function EscalationsSection({ escalations }: { escalations: readonly TicketEscalation[] }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Who was told</h2>
      {escalations.length === 0 ? (
        <p>Nobody was told of this ticket along the escalation chain.</p>
      ) : (
        <EscalationsTable escalations={escalations} />
      )}
      <p className="muted">
        Who is told of what is set in the <Link to="/helpdesk/escalation">escalation chain</Link>.
      </p>
    </section>
  );
}

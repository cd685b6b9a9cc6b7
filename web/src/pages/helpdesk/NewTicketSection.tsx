import { useId } from 'react';
import { isStaff } from '../../access';
import { useAccount } from '../../session';
import { NewTicketForm } from './NewTicketForm';

/** The "New ticket" card: a client's people file on the portal; agents log e-mails and calls too. */
export function NewTicketSection() {
  const headingId = useId();
  const account = useAccount();
  const staff = isStaff(account);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>New ticket</h2>
      <p className="muted">
        {staff
          ? 'Log a ticket received by e-mail or phone: the response clock starts when it was received.'
          : 'The response deadline is counted in working hours of the helpdesk from the moment you file.'}
      </p>
      <NewTicketForm ownClient={staff ? null : account.clientSlug} staff={staff} />
    </section>
  );
}

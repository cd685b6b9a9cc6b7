import { useLocation } from '../../router';

const NOTES: Partial<Record<string, { tone: string; text: string }>> = {
  confirmed: {
    tone: 'success',
    text: 'Your subscription is confirmed: you will get an e-mail when an incident starts or ends and when maintenance is planned.',
  },
  unsubscribed: {
    tone: 'success',
    text: 'You are unsubscribed: no more status notices will be sent to you.',
  },
  'link-invalid': {
    tone: 'alert',
    text: 'This link is unknown, already used or expired (confirmation links work for 24 hours). Subscribe again below.',
  },
};

/** What happened to the link from an e-mail that brought the visitor here (`?subscription=`). */
export function SubscriptionNote() {
  const note = NOTES[useLocation().searchParams.get('subscription') ?? ''];
  if (note === undefined) return null;
  return (
    <p className={note.tone} role={note.tone === 'alert' ? 'alert' : 'status'}>
      {note.text}
    </p>
  );
}

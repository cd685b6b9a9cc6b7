import { useId } from 'react';
import { DateTime } from '../../components/DateTime';
import { channelLabels } from './helpdeskLabels';
import type { TicketMessage } from './types';

/** The conversation, oldest first; internal notes (which only staff get) are marked as such. */
export function TicketThread({ messages }: { messages: readonly TicketMessage[] }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Messages</h2>
      {messages.length === 0 ? (
        <p>No message yet.</p>
      ) : (
        <ol className="thread" aria-labelledby={headingId}>
          {messages.map((message) => (
            <li
              key={message.id}
              className={
                message.visibility === 'internal' ? 'thread-message thread-internal' : 'thread-message'
              }
            >
              <p className="thread-meta">
                {message.visibility === 'internal' && (
                  <>
                    <span className="badge badge-warning">Internal note</span>{' '}
                  </>
                )}
                <strong>{message.author}</strong>
                {message.fromStaff && ' (hosting team)'} · <DateTime iso={message.at} /> ·{' '}
                {channelLabels[message.channel]}
              </p>
              <p className="prewrap">{message.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

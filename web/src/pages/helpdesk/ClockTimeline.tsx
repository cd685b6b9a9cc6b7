import { useId } from 'react';
import { DateTime } from '../../components/DateTime';
import { clockEventDetail } from './clockWords';
import { clockEventLabels, criticalityLabels } from './helpdeskLabels';
import type { ClockEvent } from './types';

/** The response clock's append-only timeline: started, re-targeted, warnings, responded, missed. */
export function ClockTimeline({ events }: { events: readonly ClockEvent[] }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Clock timeline</h2>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="visually-hidden">Clock timeline, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Criticality</th>
              <th scope="col">Due</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event, index) => (
              <tr key={`${event.at}-${event.kind}-${index}`}>
                <td>
                  <DateTime iso={event.at} />
                </td>
                <th scope="row">{clockEventLabels[event.kind]}</th>
                <td>{criticalityLabels[event.criticality]}</td>
                <td>
                  <DateTime iso={event.dueAt} />
                </td>
                <td className="cell-wrap">{clockEventDetail(event)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

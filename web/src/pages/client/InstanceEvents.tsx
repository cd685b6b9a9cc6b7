import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { eventKindLabel } from '../../labels';
import type { InstanceEventsResponse } from '../../types';
import type { ApiResource } from '../../useApi';
import { EventDetail } from './EventDetail';

/** What happened to the client's instance, newest first (the server sends the latest ones). */
export function InstanceEvents({ events }: { events: ApiResource<InstanceEventsResponse> }) {
  const list = events.data?.events;
  return (
    <section className="card" aria-labelledby="instance-events-heading">
      <h2 id="instance-events-heading">Recent events</h2>
      <ErrorAlert error={events.error} />
      {list === undefined && events.loading && <p role="status">Loading events…</p>}
      {list?.length === 0 && <p>Nothing has happened to this database yet.</p>}
      {list !== undefined && list.length > 0 && (
        <div className="table-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {list.map((event, index) => (
                <tr key={`${event.at}-${event.kind}-${index}`}>
                  <td>
                    <DateTime iso={event.at} />
                  </td>
                  <td>{eventKindLabel(event.kind)}</td>
                  <td className="cell-wrap">
                    <EventDetail event={event} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import { useId } from 'react';
import { DateTime } from '../../../components/DateTime';
import type { RecoverableWindow as Window } from '../../../types';

/** What can be restored: any instant of the point-in-time window, and older weekly backups. */
export function RecoverableWindow({ recoverable, clientSlug }: { recoverable: Window; clientSlug: string }) {
  const headingId = useId();
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Recoverable window</h3>
      {recoverable.earliest === null || recoverable.latest === null ? (
        <p>Nothing can be restored yet: the first base backup opens the window.</p>
      ) : (
        <p>
          Any instant from <DateTime iso={recoverable.earliest} /> to <DateTime iso={recoverable.latest} />.
        </p>
      )}
      {recoverable.weeklyPoints.length > 0 && (
        <>
          <p className="muted">
            Older weekly restore points, each the state when its backup ended (restore one with{' '}
            <code>oxygis restore {clientSlug} --backup ID</code>):
          </p>
          <ul className="plain-list" aria-label="Weekly restore points">
            {recoverable.weeklyPoints.map((point) => (
              <li key={point.backupId}>
                <DateTime iso={point.at} /> <code className="muted">{point.backupId}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

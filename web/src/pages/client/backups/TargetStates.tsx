import { StatusBadge } from '../../../components/StatusBadge';
import type { ArchiveStatus } from '../../../types';

/**
 * Each storage target and whether it holds every archived segment; a target that misses some
 * (it was down) is caught up from one that holds them every 15 s.
 */
export function TargetStates({ archive }: { archive: ArchiveStatus }) {
  return (
    <ul className="plain-list" aria-label="Targets and their state">
      {archive.targets.map((target) => {
        const missing = archive.missingByTarget[target] ?? 0;
        return (
          <li key={target}>
            {target}{' '}
            <StatusBadge ok={missing === 0}>
              {missing === 0 ? 'Up to date' : `Catching up (${missing} WAL segment(s) missing)`}
            </StatusBadge>
          </li>
        );
      })}
    </ul>
  );
}

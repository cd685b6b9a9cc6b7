import type { Party } from './types';
import './responsibility.css';

/** A party named in a pill; the colour only repeats the name. */
export function PartyBadge({ party, name }: { party: Party; name: string }) {
  return <span className={`badge party-badge party-${party}`}>{name}</span>;
}

import type { DutyPerson } from './types';

/** Who is put on duty on a day; someone away that day is struck through and marked absent. */
export function DutyPeople({ people }: { people: readonly DutyPerson[] }) {
  if (people.length === 0) return <span className="muted">Nobody</span>;
  return (
    <ul className="plain-list">
      {people.map((person) => (
        <li key={person.slot}>
          {person.absent ? (
            <>
              <s>{person.email}</s> <span className="muted">absent</span>
            </>
          ) : (
            person.email
          )}
        </li>
      ))}
    </ul>
  );
}

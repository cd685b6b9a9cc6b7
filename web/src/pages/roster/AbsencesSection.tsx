import { useId } from 'react';
import { canEditDutyRoster, canManageAbsenceOf } from '../../access';
import type { SelectOption } from '../../components/SelectField';
import { useAccount } from '../../session';
import { AbsencesTable } from './AbsencesTable';
import { AddAbsenceForm } from './AddAbsenceForm';
import type { Absence } from './types';

interface AbsencesSectionProps {
  /** Absences that touch the month shown; undefined while loading. */
  absences: readonly Absence[] | undefined;
  staff: readonly SelectOption[];
  onChanged: () => void;
}

/** Who is away when; operators record anyone's absence, others their own. */
export function AbsencesSection({ absences, staff, onChanged }: AbsencesSectionProps) {
  const headingId = useId();
  const addId = useId();
  const account = useAccount();
  const operator = canEditDutyRoster(account);
  const recordable = operator ? staff : staff.filter((option) => option.value === account.email);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Absences</h2>
      <p className="muted">
        Someone away is not on duty those days: the day has a gap until they are replaced.
      </p>
      {absences?.length === 0 && <p>No absence this month.</p>}
      {absences !== undefined && absences.length > 0 && (
        <AbsencesTable
          absences={absences}
          canRemove={(absence) => canManageAbsenceOf(account, absence.email)}
          onRemoved={onChanged}
        />
      )}
      <section className="subsection" aria-labelledby={addId}>
        <h3 id={addId}>Record an absence</h3>
        <AddAbsenceForm
          staff={recordable}
          initialPerson={operator ? '' : account.email}
          onAdded={onChanged}
        />
      </section>
    </section>
  );
}

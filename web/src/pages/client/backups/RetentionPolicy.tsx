import { useId } from 'react';
import { canChangeBackupPolicy } from '../../../access';
import { useAccount } from '../../../session';
import type { BackupPolicy } from '../../../types';
import { PolicyForm } from './PolicyForm';
import { policyInWords } from './policyWords';

interface RetentionPolicyProps {
  policy: BackupPolicy;
  policyPath: string;
  onChanged: (policy: BackupPolicy) => void;
}

/** How often the client's database is backed up and how long backups are kept, in words. */
export function RetentionPolicy({ policy, policyPath, onChanged }: RetentionPolicyProps) {
  const account = useAccount();
  const headingId = useId();
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Retention</h3>
      <ul className="plain-list">
        {policyInWords(policy).map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
      <p className="muted">
        {policy.custom ? 'A policy specific to this client.' : 'The platform’s default policy.'}
      </p>
      {canChangeBackupPolicy(account) && (
        <PolicyForm policy={policy} policyPath={policyPath} onChanged={onChanged} />
      )}
    </section>
  );
}

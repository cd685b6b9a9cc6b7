import { isStaff } from '../../access';
import { useLocation } from '../../router';
import { useAccount } from '../../session';
import { useDocumentTitle } from '../../useDocumentTitle';
import { AuditClientFilter } from './AuditClientFilter';
import { AuditLog } from './AuditLog';

/** Staff read all of the log (or filter one client); a client administrator its client's part. */
export function AuditPage() {
  useDocumentTitle('Audit log');
  const account = useAccount();
  const { searchParams } = useLocation();
  const staff = isStaff(account);
  const clientSlug = staff ? searchParams.get('client') : null;

  return (
    <>
      <div className="page-header">
        <h1>Audit log</h1>
      </div>
      <div className="stack">
        {staff && <AuditClientFilter value={clientSlug} />}
        <AuditLog key={clientSlug ?? ''} clientSlug={clientSlug} showClient={staff} />
      </div>
    </>
  );
}

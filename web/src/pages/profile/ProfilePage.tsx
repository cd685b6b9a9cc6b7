import { useDocumentTitle } from '../../useDocumentTitle';
import { AccountSummary } from './AccountSummary';
import { ApiTokensSection } from './ApiTokensSection';
import { ChangePasswordSection } from './ChangePasswordSection';
import { TwoFactorSection } from './TwoFactorSection';

export function ProfilePage() {
  useDocumentTitle('Profile');
  return (
    <>
      <div className="page-header">
        <h1>Profile</h1>
      </div>
      <div className="stack">
        <AccountSummary />
        <ChangePasswordSection />
        <TwoFactorSection />
        <ApiTokensSection />
      </div>
    </>
  );
}

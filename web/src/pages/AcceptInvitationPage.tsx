import { AuthLayout } from '../components/AuthLayout';
import { useLocation } from '../router';
import { useDocumentTitle } from '../useDocumentTitle';
import { AcceptInvitationForm } from './AcceptInvitationForm';
import { MissingTokenNote } from './MissingTokenNote';

export function AcceptInvitationPage() {
  useDocumentTitle('Accept invitation');
  const token = useLocation().searchParams.get('token') ?? '';
  return (
    <AuthLayout heading="Welcome to Oxygis Cloud" subtitle="Choose the password of your new account.">
      {token === '' ? <MissingTokenNote what="invitation" /> : <AcceptInvitationForm token={token} />}
    </AuthLayout>
  );
}

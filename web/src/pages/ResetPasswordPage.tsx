import { AuthLayout } from '../components/AuthLayout';
import { useLocation } from '../router';
import { useDocumentTitle } from '../useDocumentTitle';
import { MissingTokenNote } from './MissingTokenNote';
import { ResetPasswordForm } from './ResetPasswordForm';

export function ResetPasswordPage() {
  useDocumentTitle('Reset password');
  const token = useLocation().searchParams.get('token') ?? '';
  return (
    <AuthLayout heading="Choose a new password" subtitle="Your other sessions end when it changes.">
      {token === '' ? <MissingTokenNote what="password reset" /> : <ResetPasswordForm token={token} />}
    </AuthLayout>
  );
}

import { rightLabels, roleOf } from '../../access';
import { DescriptionItem } from '../../components/DescriptionItem';
import { useAccount } from '../../session';

export function AccountSummary() {
  const account = useAccount();
  return (
    <section className="card" aria-labelledby="account-heading">
      <h2 id="account-heading">Your account</h2>
      <dl className="description-list">
        <DescriptionItem term="Name">{account.displayName}</DescriptionItem>
        <DescriptionItem term="E-mail">{account.email}</DescriptionItem>
        <DescriptionItem term="Role">{roleOf(account)}</DescriptionItem>
        {account.clientSlug !== null && <DescriptionItem term="Client">{account.clientSlug}</DescriptionItem>}
        {account.kind === 'client_user' && (
          <DescriptionItem term="Rights">
            {account.rights.length === 0
              ? 'None yet'
              : account.rights.map((right) => rightLabels[right]).join(', ')}
          </DescriptionItem>
        )}
      </dl>
    </section>
  );
}

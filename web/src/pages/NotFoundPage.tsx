import { Link } from '../components/Link';
import { useDocumentTitle } from '../useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <>
      <div className="page-header">
        <h1>Page not found</h1>
      </div>
      <p>
        This address does not match any page of the console. Go to the <Link to="/">Overview</Link>.
      </p>
    </>
  );
}

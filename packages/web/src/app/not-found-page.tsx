import { Link } from 'react-router-dom';
import { PageHeading } from '../ui/page-heading.tsx';

export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Page not found" description="The address may be mistyped, or the page may have moved." />
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}

/** Shows what went wrong (for API errors: the server's message); screen readers announce it at once. */
export function ErrorAlert({ error }: { error: Error | undefined }) {
  if (error === undefined) return null;
  return (
    <div role="alert" className="alert">
      {error.message}
    </div>
  );
}

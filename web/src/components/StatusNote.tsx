/** A confirmation that something worked; screen readers announce it without interrupting. */
export function StatusNote({ message }: { message: string | undefined }) {
  return (
    <p role="status" className={message === undefined ? 'visually-hidden' : 'success'}>
      {message}
    </p>
  );
}

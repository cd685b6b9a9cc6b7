import { useState } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { StatusNote } from './StatusNote';

interface CopyButtonProps {
  /** What is copied. */
  text: string;
  /** The button's text, such as "Copy URI". */
  label: string;
}

/** Copies `text` with the Clipboard API; not shown where the browser has none (plain HTTP). */
export function CopyButton({ text, label }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<Error>();
  const clipboard = (navigator as Partial<Navigator>).clipboard;
  if (clipboard === undefined) return null;

  const copy = async () => {
    setCopied(false);
    setError(undefined);
    try {
      await clipboard.writeText(text);
      setCopied(true);
    } catch {
      setError(new Error('The browser did not let the console copy. Select the text and copy it yourself.'));
    }
  };

  return (
    <>
      <button type="button" className="button button-secondary button-small" onClick={() => void copy()}>
        {label}
      </button>
      <StatusNote message={copied ? 'Copied to the clipboard.' : undefined} />
      <ErrorAlert error={error} />
    </>
  );
}

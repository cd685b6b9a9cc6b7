import { TextField } from './TextField';

interface SlugConfirmFieldProps {
  clientSlug: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
}

/** Typing the client's slug confirms an action that cannot be undone (in-place restore, failover). */
export function SlugConfirmField({ clientSlug, name, value, onChange }: SlugConfirmFieldProps) {
  return (
    <TextField
      label={`Type ${clientSlug} to confirm`}
      name={name}
      autoComplete="off"
      required
      value={value}
      onChange={onChange}
      hint="The client's slug, as shown under Client."
    />
  );
}

import { TextField } from './TextField';

export const MIN_PASSWORD_LENGTH = 12;

interface NewPasswordFieldsProps {
  /** "Password" or "New password"; the second field is "Repeat …" of it. */
  label: string;
  password: string;
  repeat: string;
  onPasswordChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
}

/** A new password typed twice. Check the two with `passwordMismatch()` before sending. */
export function NewPasswordFields({
  label,
  password,
  repeat,
  onPasswordChange,
  onRepeatChange,
}: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label={label}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words work well; your name or e-mail address are refused.`}
        value={password}
        onChange={onPasswordChange}
      />
      <TextField
        label={`Repeat ${label.toLowerCase()}`}
        name="repeatPassword"
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={onRepeatChange}
      />
    </>
  );
}

export function passwordMismatch(password: string, repeat: string): Error | undefined {
  return password === repeat
    ? undefined
    : new Error('The two passwords differ. Type the same password in both fields.');
}

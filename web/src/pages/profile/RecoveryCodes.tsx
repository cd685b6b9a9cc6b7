/** The recovery codes, shown once, right after the second factor was turned on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="recovery">
      <p role="status">Two-factor authentication is now on.</p>
      <div className="note note-warning">
        <p>
          <strong>Store these recovery codes now</strong>, somewhere safe such as a password manager. Each one
          signs you in once if you lose your phone. They are shown only this time.
        </p>
      </div>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div>
        <button type="button" className="button" onClick={onDone}>
          I have stored my recovery codes
        </button>
      </div>
    </div>
  );
}

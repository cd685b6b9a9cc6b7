interface StatusBadgeProps {
  /** Green when true, red when false, grey when left out. */
  ok?: boolean;
  children: string;
}

/** A coloured pill; the colour only repeats what the text already says. */
export function StatusBadge({ ok, children }: StatusBadgeProps) {
  const tone = ok === undefined ? 'badge-neutral' : ok ? 'badge-ok' : 'badge-bad';
  return <span className={`badge ${tone}`}>{children}</span>;
}

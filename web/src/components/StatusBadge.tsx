interface StatusBadgeProps {
  ok: boolean;
  children: string;
}

/** A coloured pill; the colour only repeats what the text already says. */
export function StatusBadge({ ok, children }: StatusBadgeProps) {
  return <span className={ok ? 'badge badge-ok' : 'badge badge-bad'}>{children}</span>;
}

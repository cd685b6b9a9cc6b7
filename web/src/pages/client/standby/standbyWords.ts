import type { Standby } from './types';

/** The standby's condition in words, and whether that is good news. */
export function standbyCondition(standby: Standby): { text: string; ok: boolean | undefined } {
  if (standby.status === 'creating') return { text: 'Being built', ok: undefined };
  if (standby.status === 'promoting') return { text: 'Taking over', ok: undefined };
  if (standby.status === 'failed') return { text: 'Could not be built', ok: false };
  if (standby.state === 'streaming') return { text: 'Streaming', ok: true };
  if (standby.state === 'catching_up') return { text: 'Catching up from the archive', ok: false };
  if (standby.state === 'down') return { text: 'Not answering', ok: false };
  return { text: 'Starting', ok: undefined };
}

/** "up to date", "2.1 kB behind (3 s)", "unknown". */
export function lagText(standby: Standby): string {
  if (standby.lagBytes === null) return 'unknown';
  if (standby.lagBytes === 0) return 'up to date';
  const size =
    standby.lagBytes < 1024
      ? `${standby.lagBytes} bytes`
      : standby.lagBytes < 1024 * 1024
        ? `${(standby.lagBytes / 1024).toFixed(1)} kB`
        : `${(standby.lagBytes / 1024 / 1024).toFixed(1)} MB`;
  return standby.lagSeconds === null
    ? `${size} behind`
    : `${size} behind (${Math.round(standby.lagSeconds)} s)`;
}

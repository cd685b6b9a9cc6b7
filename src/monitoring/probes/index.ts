import { probeHttp } from './http-probe.js';
import { probePostgres } from './postgres-probe.js';
import type { ProbeResult, ProbeTarget } from './probe.js';
import { probeTcp } from './tcp-probe.js';

export { closeIdleProbeSockets, probeSocketCounts } from './http-probe.js';
export type { HttpTarget, PostgresTarget, ProbeResult, ProbeTarget, TcpTarget } from './probe.js';

/**
 * Runs one check of `target`. Never rejects: a target that hangs, resets, answers garbage or
 * presents a bad certificate gives a failed result within its timeout (plus a few milliseconds);
 * `signal` cancels the check (its result then says so).
 */
export function runProbe(target: ProbeTarget, signal?: AbortSignal): Promise<ProbeResult> {
  switch (target.kind) {
    case 'http':
      return probeHttp(target, signal);
    case 'tcp':
      return probeTcp(target, signal);
    case 'postgres':
      return probePostgres(target, signal);
  }
}

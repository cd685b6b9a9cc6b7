import type { Db } from '../db/database.js';
import { throttleRepository } from './throttle.repository.js';

/**
 * Sign-in throttling that an attacker cannot turn into a lockout of the real user:
 * - per (account, IP): after 5 failures, a growing pause (2 s, 4 s, … up to 15 min) for that
 *   pair only — the same account from another IP is not affected;
 * - per IP: 50 failures in 15 min (any accounts) blocks that IP for 15 min;
 * - global: beyond 1000 failures a minute (credential stuffing), pairs that already failed wait
 *   out the minute; a first attempt still goes through.
 * A throttled attempt gets the same answer as a wrong password.
 */
export const THROTTLE = {
  pairFreeFailures: 5,
  pairWindowMs: 60 * 60 * 1000,
  maxPauseMs: 15 * 60 * 1000,
  ipMaxFailures: 50,
  ipWindowMs: 15 * 60 * 1000,
  globalMaxFailures: 1000,
  globalWindowMs: 60 * 1000,
};

const pairKey = (email: string, ip: string) => `pair:${email.trim().toLowerCase()}|${ip}`;
const ipKey = (ip: string) => `ip:${ip}`;
const GLOBAL = 'global';

export class ThrottleService {
  constructor(private readonly db: Db) {}

  async isBlocked(email: string, ip: string, now = new Date()): Promise<boolean> {
    const pair = pairKey(email, ip);
    const states = await throttleRepository.get(this.db, [pair, ipKey(ip), GLOBAL]);
    const blocked = (key: string) => {
      const until = states.get(key)?.blockedUntil;
      return until !== null && until !== undefined && until > now;
    };
    if (blocked(pair) || blocked(ipKey(ip))) return true;
    return blocked(GLOBAL) && (states.get(pair)?.failures ?? 0) > 0;
  }

  async recordFailure(email: string, ip: string, now = new Date()): Promise<void> {
    const pair = pairKey(email, ip);
    const pairFailures = await throttleRepository.recordFailure(this.db, pair, now, THROTTLE.pairWindowMs);
    if (pairFailures >= THROTTLE.pairFreeFailures) {
      const pause = Math.min(THROTTLE.maxPauseMs, 2000 * 2 ** (pairFailures - THROTTLE.pairFreeFailures));
      await throttleRepository.block(this.db, pair, new Date(now.getTime() + pause));
    }
    const ipFailures = await throttleRepository.recordFailure(this.db, ipKey(ip), now, THROTTLE.ipWindowMs);
    if (ipFailures >= THROTTLE.ipMaxFailures) {
      await throttleRepository.block(this.db, ipKey(ip), new Date(now.getTime() + THROTTLE.ipWindowMs));
    }
    const globalFailures = await throttleRepository.recordFailure(
      this.db,
      GLOBAL,
      now,
      THROTTLE.globalWindowMs,
    );
    if (globalFailures >= THROTTLE.globalMaxFailures) {
      await throttleRepository.block(this.db, GLOBAL, new Date(now.getTime() + THROTTLE.globalWindowMs));
    }
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await throttleRepository.clear(this.db, pairKey(email, ip));
  }

  async purgeOld(now = new Date()): Promise<void> {
    await throttleRepository.purge(this.db, new Date(now.getTime() - THROTTLE.pairWindowMs));
  }
}

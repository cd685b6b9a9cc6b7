import type { Db } from '../db/database.js';
import { assertOperator, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { badRequest } from '../server/errors.js';
import type { Interval } from './intervals.js';

/**
 * Force majeure (clause I: e.g. an outage of the cloud provider), declared by an operator — often
 * after the fact — with a reason; audited. The periods leave every client's eligible time.
 */
export class ForceMajeureService {
  constructor(private readonly db: Db) {}

  async declare(actor: Actor, input: { from: string; to: string; reason: string }) {
    assertOperator(actor.account);
    const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/;
    const from = new Date(input.from);
    const to = new Date(input.to);
    if (
      !zoned.test(input.from) ||
      !zoned.test(input.to) ||
      Number.isNaN(from.getTime()) ||
      Number.isNaN(to.getTime())
    )
      throw badRequest(
        'invalid_period',
        'give --from and --to as ISO-8601 instants with a zone, e.g. 2026-11-03T14:00Z',
      );
    if (!(to > from)) throw badRequest('invalid_period', 'the period must end after it starts');
    if (to.getTime() > Date.now() + 24 * 3600_000)
      throw badRequest('invalid_period', 'force majeure is declared for what happened, not far ahead');
    const reason = input.reason.trim();
    if (!reason)
      throw badRequest('reason_required', 'say what happened (--reason): it is printed in the reports');
    const row = await this.db
      .insertInto('force_majeure')
      .values({ starts_at: from, ends_at: to, reason, declared_by: actor.account.email })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: null,
      action: 'force_majeure.declared',
      target: row.id,
      ip: actor.ip,
      detail: { from: from.toISOString(), to: to.toISOString(), reason },
    });
    return row;
  }

  list() {
    return this.db
      .selectFrom('force_majeure')
      .selectAll()
      .where('withdrawn_at', 'is', null)
      .orderBy('starts_at', 'desc')
      .execute();
  }

  async periods(range: Interval): Promise<(Interval & { reason: string })[]> {
    const rows = await this.db
      .selectFrom('force_majeure')
      .select(['starts_at', 'ends_at', 'reason'])
      .where('withdrawn_at', 'is', null)
      .where('starts_at', '<', new Date(range.end))
      .where('ends_at', '>', new Date(range.start))
      .execute();
    return rows.map((r) => ({ start: r.starts_at.getTime(), end: r.ends_at.getTime(), reason: r.reason }));
  }
}

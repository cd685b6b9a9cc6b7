import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { canSeeClient, isStaff, type Actor } from '../identity/access.js';
import type { Logger } from '../shared/logger.js';
import type { Notifier } from './notifier.js';

export interface Alert {
  id: string;
  kind: string;
  clientId: string | null;
  clientSlug: string | null;
  message: string;
  openedAt: Date;
  resolvedAt: Date | null;
}

/**
 * Alerts: a condition that breaks, or is about to break, a promise of the agreement (archive
 * lag, a backup target missing copies). Raising is idempotent — one open alert per kind and
 * client — and the operators are told by e-mail when one opens and when it clears. (The duty
 * roster of the helpdesk will take over who is told.)
 */
export class AlertService {
  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier,
    private readonly logger: Logger,
  ) {}

  async raise(kind: string, clientId: string | null, message: string): Promise<void> {
    const opened = await this.db
      .insertInto('alert')
      .values({ kind, client_id: clientId, message })
      .onConflict((oc) =>
        oc
          .expression(sql`kind, coalesce(client_id, '00000000-0000-0000-0000-000000000000'::uuid)`)
          .where('resolved_at', 'is', null)
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!opened) return;
    this.logger.warn({ kind, clientId, message }, 'alert raised');
    await this.notifier.notify({
      subject: `[Oxygis alert] ${await this.label(clientId)}: ${message}`,
      text: message,
      event: { type: 'alert.opened', kind, clientId },
    });
  }

  async resolve(kind: string, clientId: string | null): Promise<void> {
    let query = this.db
      .updateTable('alert')
      .set({ resolved_at: new Date() })
      .where('kind', '=', kind)
      .where('resolved_at', 'is', null);
    query =
      clientId === null ? query.where('client_id', 'is', null) : query.where('client_id', '=', clientId);
    const resolved = await query.returning(['message']).executeTakeFirst();
    if (!resolved) return;
    this.logger.info({ kind, clientId }, 'alert resolved');
    await this.notifier.notify({
      subject: `[Oxygis resolved] ${await this.label(clientId)}: ${kind.replaceAll('_', ' ')}`,
      text: `Resolved: ${resolved.message}`,
      event: { type: 'alert.resolved', kind, clientId },
    });
  }

  /** Staff see every alert; client accounts their own client's. Newest first. */
  async list(actor: Actor, options: { clientId?: string; openOnly?: boolean }): Promise<Alert[]> {
    let query = this.db
      .selectFrom('alert')
      .leftJoin('client', 'client.id', 'alert.client_id')
      .select([
        'alert.id',
        'alert.kind',
        'alert.client_id as clientId',
        'client.slug as clientSlug',
        'alert.message',
        'alert.opened_at as openedAt',
        'alert.resolved_at as resolvedAt',
      ])
      .orderBy('alert.opened_at', 'desc')
      .limit(200);
    if (options.clientId) query = query.where('alert.client_id', '=', options.clientId);
    if (options.openOnly) query = query.where('alert.resolved_at', 'is', null);
    if (!isStaff(actor.account)) query = query.where('alert.client_id', '=', actor.account.clientId);
    const rows = await query.execute();
    return rows.filter((row) => row.clientId === null || canSeeClient(actor.account, row.clientId));
  }

  private async label(clientId: string | null): Promise<string> {
    if (!clientId) return 'platform';
    const client = await this.db
      .selectFrom('client')
      .select('slug')
      .where('id', '=', clientId)
      .executeTakeFirst();
    return client?.slug ?? clientId;
  }
}

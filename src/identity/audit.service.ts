import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db/database.js';
import { forbidden } from '../server/errors.js';
import { clientRepository } from '../tenants/client.repository.js';
import { clientNotFound, isStaff, type Actor } from './access.js';

export interface AuditFilter {
  client?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorEmail: string | null;
  clientSlug: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

/** The audit log, read-only: staff see all of it, a client administrator its client's part. */
export class AuditService {
  constructor(private readonly db: Db) {}

  async list(actor: Actor, filter: AuditFilter): Promise<AuditRow[]> {
    let clientId: string | undefined;
    if (!isStaff(actor.account)) {
      if (actor.account.kind !== 'client_admin' || !actor.account.clientId) {
        throw forbidden(
          'not_client_admin',
          "only the client's administrators and the hosting staff can read the audit log",
        );
      }
      clientId = actor.account.clientId;
    }
    if (filter.client !== undefined) {
      const client = await clientRepository.findBySlugOrId(this.db, filter.client);
      if (!client || (clientId !== undefined && client.id !== clientId)) throw clientNotFound();
      clientId = client.id;
    }
    let query = this.db
      .selectFrom('audit_event')
      .leftJoin('client', 'client.id', 'audit_event.client_id')
      .select([
        'audit_event.id',
        'audit_event.at',
        'audit_event.actor_email as actorEmail',
        'client.slug as clientSlug',
        'audit_event.action',
        'audit_event.target',
        'audit_event.ip',
        'audit_event.detail',
      ])
      .orderBy('audit_event.id', 'desc')
      .limit(filter.limit);
    if (clientId !== undefined) query = query.where('audit_event.client_id', '=', clientId);
    if (filter.from) query = query.where('audit_event.at', '>=', filter.from);
    if (filter.to) query = query.where('audit_event.at', '<', filter.to);
    return query.execute();
  }

  static toCsv(rows: AuditRow[]): string {
    return stringify(
      rows.map((r) => [
        r.id,
        r.at.toISOString(),
        r.actorEmail ?? '',
        r.clientSlug ?? '',
        r.action,
        r.target ?? '',
        r.ip ?? '',
        JSON.stringify(r.detail),
      ]),
      { header: true, columns: ['id', 'at', 'actor', 'client', 'action', 'target', 'ip', 'detail'] },
    );
  }
}

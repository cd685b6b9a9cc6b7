import type { Db } from '../db/database.js';

export interface AuditEntry {
  actorAccountId: string | null;
  actorEmail: string | null;
  clientId: string | null;
  action: string;
  target?: string | null;
  ip: string | null;
  detail?: Record<string, unknown>;
}

export const auditRepository = {
  async append(db: Db, entry: AuditEntry): Promise<void> {
    await db
      .insertInto('audit_event')
      .values({
        actor_account_id: entry.actorAccountId,
        actor_email: entry.actorEmail,
        client_id: entry.clientId,
        action: entry.action,
        target: entry.target ?? null,
        ip: entry.ip,
        detail: entry.detail ?? {},
      })
      .execute();
  },
};

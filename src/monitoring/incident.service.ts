import type { Selectable } from 'kysely';
import type { Notifier } from '../alerts/notifier.js';
import type { Db } from '../db/database.js';
import type { IncidentStatus, IncidentTable } from '../db/schema.js';
import { assertStaff, isStaff, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { conflict, notFound } from '../server/errors.js';
import type { Logger } from '../shared/logger.js';
import type { MaintenanceService } from './maintenance.service.js';
import { incidentNotice, type Notice } from './status-subscribers.js';

export type IncidentRow = Selectable<IncidentTable> & { clientSlug: string; monitorName: string | null };

/** Transitions of one monitor in this span beyond this count: flapping, notifications held. */
const FLAP_WINDOW_MS = 30 * 60_000;
const FLAP_TRANSITIONS = 6;

/**
 * Incidents: opened when a monitor goes down, resolved when it recovers (automatically), linked to
 * the client; staff acknowledge them, post updates (investigating → identified → monitoring →
 * resolved) and attach a postmortem. Whoever is on duty is told once when one opens and once when
 * it resolves — not during planned maintenance, and not while the monitor flaps.
 */
export class IncidentService {
  constructor(
    private readonly db: Db,
    private readonly maintenance: MaintenanceService,
    private readonly notifier: Notifier,
    private readonly logger: Logger,
    /** The status page's subscribers: told without any client identity (status-subscribers.ts). */
    private readonly publicNotice: (notice: Notice) => Promise<void> = () => Promise.resolve(),
  ) {}

  async monitorDown(monitor: { id: string; clientId: string; name: string }, at: Date): Promise<void> {
    const opened = await this.db
      .insertInto('incident')
      .values({
        client_id: monitor.clientId,
        monitor_id: monitor.id,
        title: `${monitor.name} is down`,
        status: 'investigating',
        opened_at: at,
      })
      .onConflict((oc) => oc.column('monitor_id').where('resolved_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!opened) return;
    await this.db
      .insertInto('incident_update')
      .values({
        incident_id: opened.id,
        status: 'investigating',
        message: 'Detected automatically by the monitor.',
        author: null,
      })
      .execute();
    await this.tell(monitor, at, 'opened', opened.id);
  }

  async monitorUp(monitor: { id: string; clientId: string; name: string }, at: Date): Promise<void> {
    const resolved = await this.db
      .updateTable('incident')
      .set({ status: 'resolved', resolved_at: at })
      .where('monitor_id', '=', monitor.id)
      .where('resolved_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!resolved) return;
    await this.db
      .insertInto('incident_update')
      .values({
        incident_id: resolved.id,
        status: 'resolved',
        message: 'Recovered: the monitor passes again.',
        author: null,
      })
      .execute();
    await this.tell(monitor, at, 'resolved', resolved.id);
  }

  async list(actor: Actor, options: { clientId?: string; openOnly?: boolean } = {}): Promise<IncidentRow[]> {
    let query = this.db
      .selectFrom('incident')
      .innerJoin('client', 'client.id', 'incident.client_id')
      .leftJoin('monitor', 'monitor.id', 'incident.monitor_id')
      .selectAll('incident')
      .select(['client.slug as clientSlug', 'monitor.name as monitorName'])
      .orderBy('incident.opened_at', 'desc')
      .limit(200);
    if (!isStaff(actor.account)) query = query.where('incident.client_id', '=', actor.account.clientId);
    if (options.clientId) query = query.where('incident.client_id', '=', options.clientId);
    if (options.openOnly) query = query.where('incident.resolved_at', 'is', null);
    return query.execute();
  }

  async get(actor: Actor, id: string) {
    const incident = (await this.list(actor)).find((i) => i.id === id) ?? (await this.findVisible(actor, id));
    if (!incident) throw notFound('incident_not_found', 'no such incident (see oxygis incident list)');
    const updates = await this.db
      .selectFrom('incident_update')
      .select(['at', 'status', 'message', 'author'])
      .where('incident_id', '=', id)
      .orderBy('at')
      .execute();
    return { ...incident, updates };
  }

  async acknowledge(actor: Actor, id: string) {
    const incident = await this.get(actor, id);
    assertStaff(actor.account, 'only the hosting team updates incidents');
    if (incident.acknowledged_at)
      throw conflict('already_acknowledged', `acknowledged by ${incident.acknowledged_by ?? '?'}`);
    await this.db
      .updateTable('incident')
      .set({ acknowledged_at: new Date(), acknowledged_by: actor.account.email })
      .where('id', '=', id)
      .execute();
    await this.audit(actor, incident.client_id, 'incident.acknowledged', id);
    return this.get(actor, id);
  }

  async update(
    actor: Actor,
    id: string,
    input: { status: IncidentStatus; message: string; postmortem?: string | undefined },
  ) {
    const incident = await this.get(actor, id);
    assertStaff(actor.account, 'only the hosting team updates incidents');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('incident_update')
        .values({
          incident_id: id,
          status: input.status,
          message: input.message,
          author: actor.account.email,
        })
        .execute();
      await trx
        .updateTable('incident')
        .set({
          status: input.status,
          ...(input.status === 'resolved' && !incident.resolved_at ? { resolved_at: new Date() } : {}),
          ...(input.postmortem !== undefined ? { postmortem: input.postmortem } : {}),
        })
        .where('id', '=', id)
        .execute();
    });
    await this.audit(actor, incident.client_id, 'incident.updated', id, { status: input.status });
    return this.get(actor, id);
  }

  private async findVisible(actor: Actor, id: string) {
    const rows = await this.db
      .selectFrom('incident')
      .innerJoin('client', 'client.id', 'incident.client_id')
      .leftJoin('monitor', 'monitor.id', 'incident.monitor_id')
      .selectAll('incident')
      .select(['client.slug as clientSlug', 'monitor.name as monitorName'])
      .where('incident.id', '=', id)
      .execute();
    return rows.find((r) => isStaff(actor.account) || r.client_id === actor.account.clientId);
  }

  private async audit(
    actor: Actor,
    clientId: string,
    action: string,
    target: string,
    detail?: Record<string, unknown>,
  ) {
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId,
      action,
      target,
      ip: actor.ip,
      ...(detail ? { detail } : {}),
    });
  }

  private async tell(
    monitor: { id: string; clientId: string; name: string },
    at: Date,
    what: 'opened' | 'resolved',
    incidentId: string,
  ): Promise<void> {
    try {
      if (await this.maintenance.inMaintenance(monitor.clientId, monitor.id, at)) return;
      const recent = await this.db
        .selectFrom('state_interval')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('monitor_id', '=', monitor.id)
        .where('started_at', '>', new Date(at.getTime() - FLAP_WINDOW_MS))
        .executeTakeFirst();
      if (Number(recent?.n ?? 0) > FLAP_TRANSITIONS) {
        this.logger.info({ monitor: monitor.id }, 'monitor flapping: notification held');
        return;
      }
      const kind = await this.db
        .selectFrom('monitor')
        .select('kind')
        .where('id', '=', monitor.id)
        .executeTakeFirst();
      void this.publicNotice(incidentNotice(kind?.kind ?? null, what, at));
      const client = await this.db
        .selectFrom('client')
        .select('slug')
        .where('id', '=', monitor.clientId)
        .executeTakeFirst();
      const slug = client?.slug ?? monitor.clientId;
      await this.notifier.notify({
        subject:
          what === 'opened'
            ? `[Oxygis incident] ${slug}: ${monitor.name} is down`
            : `[Oxygis resolved] ${slug}: ${monitor.name} is up again`,
        text: `${monitor.name} of ${slug} ${what === 'opened' ? 'went down' : 'recovered'} at ${at.toISOString()}.`,
        event: {
          type: `incident.${what}`,
          incidentId,
          clientId: monitor.clientId,
          monitorId: monitor.id,
          at: at.toISOString(),
        },
      });
    } catch (error) {
      this.logger.error({ err: error, incidentId }, 'incident notification failed');
    }
  }
}

import type { BaseBackupService } from '../backups/base-backup.service.js';
import type { BackupPolicyService } from '../backups/policy.service.js';
import type { TargetSelection } from '../backups/target-selection.js';
import type { Db } from '../db/database.js';
import { assertCanAdministerClient, assertOperator, isStaff, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { DEFAULT_TIME_ZONE } from '../monitoring/calendar-month.js';
import { badRequest, conflict, notFound } from '../server/errors.js';
import type { Logger } from '../shared/logger.js';
import type { StandbyService } from '../zones/standby.service.js';
import type { Client } from '../tenants/client.repository.js';
import type { ClientService } from '../tenants/client.service.js';
import { optionEffect, type OptionEffect } from './effects.js';
import { orderLines } from './purchase-order.js';

/**
 * The agreement's service options: a catalogue operators price, requested by a client's
 * administrator, activated (approved) or rejected by an operator, later deactivated. Activation
 * really changes what the platform does — a further backup target receives the client's backups,
 * the backup cadence or retention changes — and deactivation puts it back. Active periods are
 * the lines of the client's purchase order.
 */
export class OptionService {
  constructor(
    private readonly db: Db,
    private readonly clients: ClientService,
    private readonly policies: BackupPolicyService,
    private readonly selection: TargetSelection,
    private readonly baseBackups: BaseBackupService,
    private readonly standbys: StandbyService,
    private readonly logger: Logger,
  ) {}

  /** At start: the clients with multi-region replication get their reserved targets again. */
  async restoreSelection(): Promise<void> {
    const rows = await this.live('active').execute();
    for (const row of rows)
      if (optionEffect(row.effect).kind === 'extra_target') this.selection.optIn(row.clientId);
  }

  /** The catalogue; a client reads "not offered here" where staff read what to configure. */
  async catalogue(actor?: Actor) {
    const rows = await this.db.selectFrom('service_option').selectAll().orderBy('code').execute();
    const staff = actor === undefined || isStaff(actor.account);
    const why = (effect: OptionEffect) => {
      const reason = this.unavailable(effect);
      return reason === null || staff ? reason : 'not offered on this platform at the moment';
    };
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      description: r.description,
      unit: r.unit,
      unitPrice: Number(r.unit_price),
      currency: r.currency,
      available: this.unavailable(optionEffect(r.effect)) === null,
      unavailableBecause: why(optionEffect(r.effect)),
    }));
  }

  async setPrice(actor: Actor, code: string, unitPrice: number) {
    assertOperator(actor.account);
    const option = await this.option(code);
    await this.db
      .updateTable('service_option')
      .set({ unit_price: unitPrice, updated_by: actor.account.email, updated_at: new Date() })
      .where('code', '=', option.code)
      .execute();
    await this.audit(actor, null, 'option.priced', code, { from: Number(option.unit_price), to: unitPrice });
    return (await this.catalogue()).find((o) => o.code === code);
  }

  async forClient(actor: Actor, clientKey: string) {
    const client = await this.clients.find(actor, clientKey);
    return this.rowsOf(client.id);
  }

  /** A client's administrator (or staff for it) asks for an option; the price is today's. */
  async request(actor: Actor, clientKey: string, code: string, note?: string) {
    const client = await this.clients.find(actor, clientKey);
    assertCanAdministerClient(actor.account, client.id);
    const option = await this.option(code);
    const why = this.unavailable(optionEffect(option.effect));
    if (why) throw conflict('option_unavailable', `${option.name} cannot be provided here: ${why}`);
    try {
      await this.db
        .insertInto('client_option')
        .values({
          client_id: client.id,
          option_code: option.code,
          status: 'requested',
          unit_price: Number(option.unit_price),
          currency: option.currency,
          unit: option.unit,
          requested_by: actor.account.email,
          note: note?.trim() || null,
        })
        .execute();
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw conflict('option_exists', `${client.slug} has already requested or activated ${option.name}`);
      throw error;
    }
    await this.audit(actor, client.id, 'option.requested', code, {});
    return this.rowsOf(client.id);
  }

  /** Operators approve: the effect is applied, then the option is active from now. */
  async approve(actor: Actor, clientKey: string, code: string) {
    const client = await this.clients.find(actor, clientKey);
    assertOperator(actor.account);
    const row = await this.liveRow(client, code, 'requested');
    const effect = optionEffect(row.effect);
    const catalogue = await this.option(code);
    const previous = await this.apply(actor, client, effect);
    await this.db
      .updateTable('client_option')
      .set({
        status: 'active',
        activated_at: new Date(),
        decided_by: actor.account.email,
        unit_price: Number(catalogue.unit_price),
        previous: previous ? JSON.stringify(previous) : null,
      })
      .where('id', '=', row.id)
      .execute();
    await this.audit(actor, client.id, 'option.activated', code, { unitPrice: Number(catalogue.unit_price) });
    return this.rowsOf(client.id);
  }

  async reject(actor: Actor, clientKey: string, code: string, note: string) {
    const client = await this.clients.find(actor, clientKey);
    assertOperator(actor.account);
    const row = await this.liveRow(client, code, 'requested');
    if (!note.trim())
      throw badRequest('reason_required', 'say why the request is refused (the client reads it)');
    await this.db
      .updateTable('client_option')
      .set({ status: 'rejected', decided_by: actor.account.email, decision_note: note.trim() })
      .where('id', '=', row.id)
      .execute();
    await this.audit(actor, client.id, 'option.rejected', code, { note: note.trim() });
    return this.rowsOf(client.id);
  }

  /** Operators: the effect is reversed and billing stops now. */
  async deactivate(actor: Actor, clientKey: string, code: string) {
    const client = await this.clients.find(actor, clientKey);
    assertOperator(actor.account);
    const row = await this.liveRow(client, code, 'active');
    await this.reverse(actor, client, row.code, row.previous);
    await this.db
      .updateTable('client_option')
      .set({ status: 'deactivated', deactivated_at: new Date() })
      .where('id', '=', row.id)
      .execute();
    await this.audit(actor, client.id, 'option.deactivated', code, {});
    return this.rowsOf(client.id);
  }

  /** The purchase order's lines over a period (default: this month so far and to its end). */
  async purchaseOrder(actor: Actor, clientKey: string, period: { from: Date; to: Date }) {
    const client = await this.clients.find(actor, clientKey);
    assertCanAdministerClient(actor.account, client.id);
    if (!(period.to > period.from)) throw badRequest('invalid_period', 'the period ends before it starts');
    const rows = await this.db
      .selectFrom('client_option')
      .innerJoin('service_option', 'service_option.code', 'client_option.option_code')
      .select([
        'client_option.option_code as code',
        'service_option.name',
        'client_option.unit',
        'client_option.unit_price as unitPrice',
        'client_option.currency',
        'client_option.activated_at as activatedAt',
        'client_option.deactivated_at as deactivatedAt',
      ])
      .where('client_option.client_id', '=', client.id)
      .where('client_option.activated_at', 'is not', null)
      .execute();
    const lines = orderLines(
      rows.map((r) => ({ ...r, unitPrice: Number(r.unitPrice), activatedAt: r.activatedAt ?? new Date() })),
      period,
      DEFAULT_TIME_ZONE,
    );
    const total = Math.round(lines.reduce((sum, l) => sum + l.total, 0) * 100) / 100;
    return { client: client.slug, name: client.name, from: period.from, to: period.to, lines, total };
  }

  /** Why an option cannot be provided by this platform, or null. */
  private unavailable(effect: OptionEffect): string | null {
    if (
      effect.kind === 'extra_target' &&
      this.selection.reservedTargets('multi_region_replication').length === 0
    )
      return 'no backup target is reserved for it: configure one in OXYGIS_BACKUP_TARGETS with "option": "multi_region_replication"';
    return null;
  }

  private async apply(
    actor: Actor,
    client: Client,
    effect: OptionEffect,
  ): Promise<Record<string, unknown> | null> {
    if (effect.kind === 'extra_target') {
      this.selection.optIn(client.id);
      // From now on the further region receives every WAL file; a base backup there too, so that
      // it can restore on its own.
      void this.baseBackups.run(client.id).catch((error: unknown) => {
        this.logger.error({ err: error, client: client.slug }, 'base backup for the new region failed');
      });
      return null;
    }
    if (effect.kind === 'multi_zone') {
      // A standby in the other zone, built in the background from a fresh base backup; its
      // progress shows on the client's standby view (and an alert if it cannot be built).
      void this.standbys.begin(client.id);
      return null;
    }
    const current = await this.policies.get(client.id);
    const previous: Record<string, unknown> = { custom: current.custom };
    const change: Record<string, number> = {};
    if (effect.baseBackupEveryHours !== undefined) {
      previous.baseBackupEveryHours = current.baseBackupEveryHours;
      change.baseBackupEveryHours = Math.min(current.baseBackupEveryHours, effect.baseBackupEveryHours);
    }
    if (effect.weeklyBackupsKept !== undefined) {
      previous.weeklyBackupsKept = current.weeklyBackupsKept;
      change.weeklyBackupsKept = Math.max(current.weeklyBackupsKept, effect.weeklyBackupsKept);
    }
    if (effect.pitrDays !== undefined) {
      previous.pitrDays = current.pitrDays;
      change.pitrDays = Math.max(current.pitrDays, effect.pitrDays);
    }
    await this.policies.set(actor, client.id, change);
    return previous;
  }

  private async reverse(
    actor: Actor,
    client: Client,
    code: string,
    previous: Record<string, unknown> | null,
  ): Promise<void> {
    const effect = optionEffect((await this.option(code)).effect);
    if (effect.kind === 'extra_target') this.selection.optOut(client.id);
    if (effect.kind === 'multi_zone') await this.standbys.remove(client.id);
    if (effect.kind === 'backup_policy' && previous) {
      const { custom, ...values } = previous as { custom?: boolean } & Record<string, number>;
      await this.policies.set(actor, client.id, values);
      // Back to the platform defaults when the client followed them before and nothing else
      // (another option, an operator) has shaped the policy since.
      const others = await this.live('active').where('client_option.client_id', '=', client.id).execute();
      const shaped = others.some((o) => optionEffect(o.effect).kind === 'backup_policy' && o.code !== code);
      const now = await this.policies.get(client.id);
      const defaults = this.policies.platformDefaults();
      if (
        custom === false &&
        !shaped &&
        now.baseBackupEveryHours === defaults.baseBackupEveryHours &&
        now.weeklyBackupsKept === defaults.weeklyBackupsKept &&
        now.pitrDays === defaults.pitrDays
      )
        await this.policies.reset(actor, client.id);
    }
  }

  private live(status: 'requested' | 'active') {
    return this.db
      .selectFrom('client_option')
      .innerJoin('service_option', 'service_option.code', 'client_option.option_code')
      .select([
        'client_option.id',
        'client_option.client_id as clientId',
        'client_option.option_code as code',
        'client_option.previous',
        'service_option.effect',
      ])
      .where('client_option.status', '=', status);
  }

  private async liveRow(client: Client, code: string, status: 'requested' | 'active') {
    const row = await this.live(status)
      .where('client_option.client_id', '=', client.id)
      .where('client_option.option_code', '=', code)
      .executeTakeFirst();
    if (!row)
      throw notFound(
        'option_not_found',
        status === 'requested'
          ? `${client.slug} has no pending request for ${code} (see oxygis option list --client ${client.slug})`
          : `${client.slug} has no active ${code}`,
      );
    return row;
  }

  private async rowsOf(clientId: string) {
    const rows = await this.db
      .selectFrom('client_option')
      .innerJoin('service_option', 'service_option.code', 'client_option.option_code')
      .select([
        'client_option.option_code as code',
        'service_option.name',
        'client_option.status',
        'client_option.unit',
        'client_option.unit_price as unitPrice',
        'client_option.currency',
        'client_option.requested_by as requestedBy',
        'client_option.requested_at as requestedAt',
        'client_option.decided_by as decidedBy',
        'client_option.activated_at as activatedAt',
        'client_option.deactivated_at as deactivatedAt',
        'client_option.note',
        'client_option.decision_note as refusedBecause',
      ])
      .where('client_option.client_id', '=', clientId)
      .orderBy('client_option.requested_at')
      .execute();
    return rows.map((r) => ({ ...r, unitPrice: Number(r.unitPrice) }));
  }

  private async option(code: string) {
    const option = await this.db
      .selectFrom('service_option')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    if (!option) {
      const codes = (await this.db.selectFrom('service_option').select('code').orderBy('code').execute()).map(
        (o) => o.code,
      );
      throw notFound('option_not_found', `no option ${code}; the options are ${codes.join(', ')}`);
    }
    return option;
  }

  private async audit(actor: Actor, clientId: string | null, action: string, target: string, detail: object) {
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId,
      action,
      target,
      ip: actor.ip,
      detail: detail as Record<string, unknown>,
    });
  }
}

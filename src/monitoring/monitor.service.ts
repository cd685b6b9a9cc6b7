import type { Db } from '../db/database.js';
import { assertCanAdministerClient, isOperator, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { badRequest, conflict, notFound } from '../server/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ClientService } from '../tenants/client.service.js';
import type { InstanceService } from '../tenants/instance.service.js';
import { monitorRepository, type MonitorRow } from './monitor.repository.js';
import { httpTarget, isInternalHost, tcpTarget, type MonitorInput } from './monitor.schema.js';
import { ensureProbeRole, probePassword } from './probe-role.js';

export const DATABASE_MONITOR = 'database';

/**
 * Monitors: each client's database gets one automatically (the platform logs in with its probe
 * role and runs `select 1`); staff and the client's administrators add the application's
 * endpoints. Changes reach the scheduler through `onChange`.
 */
export class MonitorService {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly clients: ClientService,
    private readonly instances: InstanceService,
    private readonly platformKey: Buffer,
    private readonly logger: Logger,
  ) {}

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  async add(actor: Actor, clientKey: string, input: MonitorInput): Promise<MonitorRow> {
    const client = await this.clients.find(actor, clientKey);
    assertCanAdministerClient(actor.account, client.id);
    const target = this.target(actor, input);
    const name = input.name ?? (input.kind === 'postgres' ? DATABASE_MONITOR : target);
    const timeoutMs = input.timeoutMs ?? Math.min(10_000, input.intervalSeconds * 1000 - 1000);
    if (timeoutMs >= input.intervalSeconds * 1000)
      throw badRequest('timeout_too_long', 'the timeout must be shorter than the interval');
    if (input.kind === 'postgres' && !(await this.instances.find(client.id)))
      throw conflict('instance_not_found', 'the client has no database to watch');
    try {
      const monitor = await monitorRepository.insert(this.db, {
        client_id: client.id,
        name,
        kind: input.kind,
        role: input.kind === 'postgres' ? 'database' : 'application',
        target,
        interval_seconds: input.intervalSeconds,
        timeout_ms: timeoutMs,
        expected_status: input.expectedStatus ?? null,
        keyword: input.keyword ?? null,
        degraded_after_ms: input.degradedAfterMs ?? null,
        failure_threshold: input.failureThreshold,
        recovery_threshold: input.recoveryThreshold,
      });
      await auditRepository.append(this.db, {
        actorAccountId: actor.account.id,
        actorEmail: actor.account.email,
        clientId: client.id,
        action: 'monitor.added',
        target: monitor.id,
        ip: actor.ip,
        detail: { name, kind: input.kind, target },
      });
      this.changed();
      return monitor;
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw conflict(
          'monitor_exists',
          `the client already has a monitor named "${name}"; give another --name`,
        );
      throw error;
    }
  }

  async list(actor: Actor, clientKey: string): Promise<MonitorRow[]> {
    const client = await this.clients.find(actor, clientKey);
    return monitorRepository.list(this.db, client.id);
  }

  /** The stored state of each monitor and since when. */
  async states(ids: string[]): Promise<Map<string, { state: string; since: Date }>> {
    const rows = await monitorRepository.status(this.db, ids);
    return new Map(rows.map((r) => [r.monitor_id, { state: r.state, since: r.since }]));
  }

  async remove(actor: Actor, clientKey: string, id: string): Promise<void> {
    const client = await this.clients.find(actor, clientKey);
    assertCanAdministerClient(actor.account, client.id);
    const monitor = await monitorRepository.find(this.db, id);
    if (monitor?.client_id !== client.id)
      throw notFound('monitor_not_found', 'no such monitor for this client');
    if (monitor.kind === 'postgres')
      throw badRequest(
        'database_monitor',
        "the client's database monitor is part of the agreement and stays",
      );
    await monitorRepository.remove(this.db, id);
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: client.id,
      action: 'monitor.removed',
      target: id,
      ip: actor.ip,
      detail: { name: monitor.name },
    });
    this.changed();
  }

  /**
   * Every client with a database gets its database monitor, and every running instance the
   * probe role. Idempotent; run at start and periodically.
   */
  async syncDatabaseMonitors(): Promise<number> {
    const missing = await this.db
      .selectFrom('instance')
      .leftJoin('monitor', (join) =>
        join.onRef('monitor.client_id', '=', 'instance.client_id').on('monitor.kind', '=', 'postgres'),
      )
      .select(['instance.client_id as clientId'])
      .where('monitor.id', 'is', null)
      .where('instance.status', 'in', ['running', 'suspended'])
      .execute();
    for (const { clientId } of missing) {
      await monitorRepository
        .insert(this.db, {
          client_id: clientId,
          name: DATABASE_MONITOR,
          kind: 'postgres',
          role: 'database',
          target: 'instance',
          interval_seconds: 30,
          timeout_ms: 10_000,
          expected_status: null,
          keyword: null,
          degraded_after_ms: null,
          failure_threshold: 3,
          recovery_threshold: 2,
        })
        .catch((error: unknown) => {
          if ((error as { code?: string }).code !== '23505') throw error;
        });
    }
    if (missing.length > 0) this.changed();
    return missing.length;
  }

  /** The probe role on one running instance (after its start, provisioning or restore). */
  async ensureProbe(clientId: string): Promise<void> {
    const instance = await this.instances.find(clientId);
    if (instance?.status !== 'running') return;
    try {
      await ensureProbeRole(
        this.instances.adminConnection(instance),
        probePassword(this.platformKey, clientId),
      );
    } catch (error) {
      this.logger.warn({ err: error, clientId }, 'probe role not ensured; the database monitor will fail');
    }
  }

  private target(actor: Actor, input: MonitorInput): string {
    if (input.kind === 'postgres') {
      if (input.url)
        throw badRequest('invalid_target', "a postgres monitor watches the client's own database: no URL");
      return 'instance';
    }
    if (!input.url) throw badRequest('invalid_target', `a ${input.kind} monitor needs --url`);
    if (input.kind === 'http') {
      const parsed = httpTarget.safeParse(input.url);
      if (!parsed.success)
        throw badRequest('invalid_target', parsed.error.issues[0]?.message ?? 'invalid URL');
      this.assertReachableFor(actor, new URL(parsed.data).hostname);
      return parsed.data;
    }
    const parsed = tcpTarget.safeParse(input.url);
    if (!parsed.success)
      throw badRequest('invalid_target', parsed.error.issues[0]?.message ?? 'invalid target');
    this.assertReachableFor(actor, parsed.data.host);
    return `${parsed.data.host}:${parsed.data.port}`;
  }

  /** Client administrators may not turn the prober on the platform's own host. */
  private assertReachableFor(actor: Actor, host: string): void {
    if (isInternalHost(host) && !isOperator(actor.account))
      throw badRequest('invalid_target', 'monitors of the platform host itself are for operators only');
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

import type { Db } from '../db/database.js';
import type { ClientContact } from '../db/schema.js';
import {
  assertCanAdministerClient,
  assertOperator,
  canSeeClient,
  clientNotFound,
  isStaff,
  type Actor,
} from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { badRequest, conflict } from '../server/errors.js';
import { clientRepository, type Client } from './client.repository.js';
import { setRolePassword } from './instance-admin.js';
import { newPassword, type ConnectionDetails, type InstanceService } from './instance.service.js';
import { PLAN_NAMES, planNamed } from './plans.js';
import { assertValidSlug, slugify } from './slug.js';

export interface InstanceSummary {
  status: string;
  running: boolean;
  host: string;
  port: number;
  database: string;
  user: string;
  uri: string;
  caFile: string;
  diskUsageBytes: number | null;
}

export interface ClientView extends Client {
  instance: InstanceSummary | null;
}

export interface NewClient {
  name: string;
  slug?: string | undefined;
  plan?: string | undefined;
  contacts?: ClientContact[] | undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23505';
}

/**
 * Clients and the lifecycle of their dedicated database: create (provision), suspend, resume,
 * delete (a grace period, then removal).
 */
export class ClientService {
  constructor(
    private readonly db: Db,
    private readonly instances: InstanceService,
    private readonly deleteGraceMs: number,
  ) {}

  async create(
    actor: Actor,
    input: NewClient,
  ): Promise<{ client: ClientView; connection: ConnectionDetails }> {
    assertOperator(actor.account);
    const name = input.name.trim();
    if (name.length < 2 || name.length > 200)
      throw badRequest('invalid_name', 'give a client name of 2 to 200 characters');
    const slug = input.slug ?? slugify(name);
    assertValidSlug(slug);
    const planName = input.plan ?? 'standard';
    const plan = planNamed(planName);
    if (!plan)
      throw badRequest(
        'unknown_plan',
        `there is no plan "${planName}"; choose one of ${PLAN_NAMES.join(', ')}`,
      );
    let client: Client;
    try {
      client = await clientRepository.insert(this.db, {
        name,
        slug,
        plan: plan.name,
        contacts: input.contacts ?? [],
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('slug_taken', `a client with the slug "${slug}" already exists; choose another`);
      throw error;
    }
    try {
      const connection = await this.instances.provision({ id: client.id, slug, plan });
      await this.audit(actor, client.id, 'client.created', { name, slug, plan: plan.name });
      return { client: await this.view(client), connection };
    } catch (error) {
      await this.db.deleteFrom('client').where('id', '=', client.id).execute();
      throw error;
    }
  }

  async list(actor: Actor): Promise<ClientView[]> {
    const clients = await clientRepository.list(
      this.db,
      isStaff(actor.account) ? undefined : (actor.account.clientId ?? ''),
    );
    return Promise.all(clients.map((client) => this.view(client, false)));
  }

  async get(actor: Actor, key: string): Promise<ClientView> {
    return this.view(await this.find(actor, key));
  }

  /** By slug or id; another client's answers "not found". */
  async find(actor: Actor, key: string): Promise<Client> {
    const client = await clientRepository.findBySlugOrId(this.db, key);
    if (!client || !canSeeClient(actor.account, client.id)) throw clientNotFound();
    return client;
  }

  async setRequireMfa(actor: Actor, key: string, requireMfa: boolean): Promise<ClientView> {
    const client = await this.find(actor, key);
    assertCanAdministerClient(actor.account, client.id);
    await clientRepository.setRequireMfa(this.db, client.id, requireMfa);
    await this.audit(actor, client.id, 'client.mfa_requirement_changed', { requireMfa });
    return this.view({ ...client, requireMfa });
  }

  /** The instance stops and refuses connections; the data is kept. */
  async suspend(actor: Actor, key: string): Promise<ClientView> {
    const client = await this.operatorTarget(actor, key);
    if (client.status !== 'active')
      throw conflict('not_active', `the client is ${client.status}; only an active client can be suspended`);
    await this.instances.suspend(client.id);
    await clientRepository.setStatus(this.db, client.id, 'suspended');
    await this.audit(actor, client.id, 'client.suspended', {});
    return this.get(actor, key);
  }

  /** Starts a suspended client again, or cancels a pending deletion. */
  async resume(actor: Actor, key: string): Promise<ClientView> {
    const client = await this.operatorTarget(actor, key);
    if (client.status === 'active') throw conflict('already_active', 'the client is already active');
    const instance = await this.instances.find(client.id);
    if (instance) await this.instances.resume(instance);
    await clientRepository.setStatus(this.db, client.id, 'active');
    await this.audit(actor, client.id, 'client.resumed', { from: client.status });
    return this.get(actor, key);
  }

  /** A new password for the client's owner role, shown once (the old one stops working). */
  async resetOwnerPassword(actor: Actor, key: string): Promise<ConnectionDetails> {
    const client = await this.find(actor, key);
    assertCanAdministerClient(actor.account, client.id);
    const instance = await this.instances.find(client.id);
    if (instance?.status !== 'running') {
      throw conflict(
        'instance_not_running',
        'the client database is not running (suspended or deleted); resume it first',
      );
    }
    const password = newPassword();
    await setRolePassword(this.instances.adminConnection(instance), instance.ownerRole, password);
    await this.audit(actor, client.id, 'database.owner_password_reset', { role: instance.ownerRole });
    return this.instances.details(instance, password);
  }

  /** Deletion waits out a grace period (the instance is stopped at once), then a job removes it. */
  async delete(actor: Actor, key: string): Promise<ClientView> {
    const client = await this.operatorTarget(actor, key);
    if (client.status === 'deleting')
      throw conflict('already_deleting', 'the client is already being deleted');
    const deleteAfter = new Date(Date.now() + this.deleteGraceMs);
    await this.instances.stopForDeletion(client.id);
    await clientRepository.setStatus(this.db, client.id, 'deleting', deleteAfter);
    await this.audit(actor, client.id, 'client.deletion_scheduled', {
      deleteAfter: deleteAfter.toISOString(),
    });
    return this.get(actor, key);
  }

  /** The job: removes clients whose grace period has ended. */
  async removeDue(now = new Date()): Promise<number> {
    const due = await clientRepository.dueForRemoval(this.db, now);
    for (const client of due) {
      const instance = await this.instances.find(client.id);
      if (instance) await this.instances.destroy(instance);
      await clientRepository.remove(this.db, client.id);
      await auditRepository.append(this.db, {
        actorAccountId: null,
        actorEmail: null,
        clientId: client.id,
        action: 'client.removed',
        target: client.id,
        ip: null,
        detail: { slug: client.slug },
      });
    }
    return due.length;
  }

  private async operatorTarget(actor: Actor, key: string): Promise<Client> {
    const client = await this.find(actor, key);
    assertOperator(actor.account);
    return client;
  }

  private async view(client: Client, withDisk = true): Promise<ClientView> {
    const instance = await this.instances.find(client.id);
    if (!instance) return { ...client, instance: null };
    const details = this.instances.details(instance);
    return {
      ...client,
      instance: {
        status: instance.status,
        running: this.instances.isRunning(client.id),
        host: details.host,
        port: details.port,
        database: details.database,
        user: details.user,
        uri: details.uri,
        caFile: details.caFile,
        diskUsageBytes: withDisk ? await this.instances.diskUsageBytes(instance) : null,
      },
    };
  }

  private audit(
    actor: Actor,
    clientId: string,
    action: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    return auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId,
      action,
      target: clientId,
      ip: actor.ip,
      detail,
    });
  }
}

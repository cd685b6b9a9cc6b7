import type { Db } from '../db/database.js';
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
import { assertValidSlug, slugify } from './slug.js';

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23505';
}

export class ClientService {
  constructor(private readonly db: Db) {}

  async create(actor: Actor, input: { name: string; slug?: string | undefined }): Promise<Client> {
    assertOperator(actor.account);
    const name = input.name.trim();
    if (name.length < 2 || name.length > 200)
      throw badRequest('invalid_name', 'give a client name of 2 to 200 characters');
    const slug = input.slug ?? slugify(name);
    assertValidSlug(slug);
    try {
      const client = await clientRepository.insert(this.db, { name, slug });
      await this.audit(actor, client.id, 'client.created', { name, slug });
      return client;
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('slug_taken', `a client with the slug "${slug}" already exists; choose another`);
      throw error;
    }
  }

  list(actor: Actor): Promise<Client[]> {
    return clientRepository.list(
      this.db,
      isStaff(actor.account) ? undefined : (actor.account.clientId ?? ''),
    );
  }

  /** By slug or id; another client's answers "not found". */
  async get(actor: Actor, key: string): Promise<Client> {
    const client = await clientRepository.findBySlugOrId(this.db, key);
    if (!client || !canSeeClient(actor.account, client.id)) throw clientNotFound();
    return client;
  }

  async setRequireMfa(actor: Actor, key: string, requireMfa: boolean): Promise<Client> {
    const client = await this.get(actor, key);
    assertCanAdministerClient(actor.account, client.id);
    await clientRepository.setRequireMfa(this.db, client.id, requireMfa);
    await this.audit(actor, client.id, 'client.mfa_requirement_changed', { requireMfa });
    return { ...client, requireMfa };
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

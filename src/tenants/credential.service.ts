import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { accountRepository } from '../identity/account.repository.js';
import { canAdministerClient, isOperator, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { badRequest, conflict, forbidden, notFound } from '../server/errors.js';
import type { ClientService } from './client.service.js';
import { createPersonalRole, dropPersonalRole, setRolePassword } from './instance-admin.js';
import { newPassword, type ConnectionDetails, type InstanceService } from './instance.service.js';
import { credentialRepository, type CredentialRow } from './credential.repository.js';

export type Mode = 'read_only' | 'read_write';

const noCredential = () =>
  notFound(
    'credential_not_found',
    'this person has no database credentials on this client; grant them first',
  );

/**
 * Personal database credentials on a client's instance, managed by the client's administrators
 * (and operators): read_only or read_write login roles, passwords generated and shown once,
 * never stored. Revoking drops the role and ends its sessions.
 */
export class CredentialService {
  constructor(
    private readonly db: Db,
    private readonly clients: ClientService,
    private readonly instances: InstanceService,
  ) {}

  async list(actor: Actor, clientKey: string): Promise<CredentialRow[]> {
    const client = await this.clients.find(actor, clientKey);
    if (canAdministerClient(actor.account, client.id)) return credentialRepository.list(this.db, client.id);
    return credentialRepository.list(this.db, client.id, actor.account.id);
  }

  async grant(
    actor: Actor,
    clientKey: string,
    accountKey: string,
    mode: Mode,
  ): Promise<{ credential: CredentialRow; connection: ConnectionDetails }> {
    const { client, account } = await this.target(actor, clientKey, accountKey, true);
    if ((await credentialRepository.list(this.db, client.id, account.id)).length > 0) {
      throw conflict(
        'credential_exists',
        `${account.email} already has database credentials; rotate or revoke them`,
      );
    }
    if (account.kind === 'client_user' && !account.rights.includes('database_credentials')) {
      throw badRequest('right_missing', `grant ${account.email} the database_credentials right first`);
    }
    const instance = await this.runningInstance(client.id);
    const roleName = `${instance.dbName}_u_${randomBytes(4).toString('hex')}`;
    const password = newPassword();
    await createPersonalRole(this.instances.adminConnection(instance), roleName, password, mode);
    await credentialRepository.insert(this.db, {
      clientId: client.id,
      accountId: account.id,
      roleName,
      mode,
    });
    await this.audit(actor, client.id, 'database.credential_granted', {
      email: account.email,
      role: roleName,
      mode,
    });
    const [credential] = await credentialRepository.list(this.db, client.id, account.id);
    if (!credential) throw new Error('credential vanished');
    return { credential, connection: this.connection(instance, roleName, password) };
  }

  /** A new password; the old one stops working at once. A client user may rotate its own. */
  async rotate(
    actor: Actor,
    clientKey: string,
    accountKey: string,
  ): Promise<{ credential: CredentialRow; connection: ConnectionDetails }> {
    const { client, account } = await this.target(actor, clientKey, accountKey, false);
    const [credential] = await credentialRepository.list(this.db, client.id, account.id);
    if (!credential) throw noCredential();
    const instance = await this.runningInstance(client.id);
    const password = newPassword();
    await setRolePassword(this.instances.adminConnection(instance), credential.roleName, password);
    await credentialRepository.rotated(this.db, credential.id);
    await this.audit(actor, client.id, 'database.credential_rotated', {
      email: account.email,
      role: credential.roleName,
    });
    const [updated] = await credentialRepository.list(this.db, client.id, account.id);
    return {
      credential: updated ?? credential,
      connection: this.connection(instance, credential.roleName, password),
    };
  }

  async revoke(actor: Actor, clientKey: string, accountKey: string): Promise<void> {
    const { client, account } = await this.target(actor, clientKey, accountKey, true);
    const [credential] = await credentialRepository.list(this.db, client.id, account.id);
    if (!credential) throw noCredential();
    const instance = await this.runningInstance(client.id);
    await dropPersonalRole(this.instances.adminConnection(instance), credential.roleName, instance.ownerRole);
    await credentialRepository.delete(this.db, credential.id);
    await this.audit(actor, client.id, 'database.credential_revoked', {
      email: account.email,
      role: credential.roleName,
    });
  }

  private async target(actor: Actor, clientKey: string, accountKey: string, adminOnly: boolean) {
    const client = await this.clients.find(actor, clientKey);
    const found = /^[0-9a-f-]{36}$/i.test(accountKey)
      ? await accountRepository.findById(this.db, accountKey)
      : await accountRepository.findByEmail(this.db, accountKey);
    if (found?.clientId !== client.id) {
      throw notFound('account_not_found', `there is no such account in client ${client.slug}`);
    }
    const isSelf = found.id === actor.account.id;
    const mayAdminister = isOperator(actor.account) || canAdministerClient(actor.account, client.id);
    if (!mayAdminister && (adminOnly || !isSelf)) {
      throw forbidden('not_client_admin', "only the client's administrators can manage database credentials");
    }
    const [account] = await accountRepository.listDetails(this.db, { accountId: found.id });
    if (!account) throw notFound('account_not_found', `there is no such account in client ${client.slug}`);
    return { client, account };
  }

  private async runningInstance(clientId: string) {
    const instance = await this.instances.find(clientId);
    if (!instance || instance.status !== 'running') {
      throw conflict(
        'instance_not_running',
        'the client database is not running (suspended or deleted); resume it first',
      );
    }
    return instance;
  }

  private connection(
    instance: { dbName: string; port: number },
    user: string,
    password: string,
  ): ConnectionDetails {
    return this.instances.details(
      { dbName: instance.dbName, ownerRole: user, port: instance.port },
      password,
    );
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
      ip: actor.ip,
      detail,
    });
  }
}

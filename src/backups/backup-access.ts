import type { FastifyRequest } from 'fastify';
import { assertCanAdministerClient, assertClientRight, type Actor } from '../identity/access.js';
import { signedInAccount } from '../server/plugins/auth.js';
import type { ClientService } from '../tenants/client.service.js';

/**
 * Who may see and act on a client's backups: staff and the client's administrators; client users
 * holding the "backups" right may look. Another client's backups answer 404.
 */
export function backupAccess(clients: ClientService, rightsOf: (accountId: string) => Promise<string[]>) {
  const find = async (request: FastifyRequest, key: string) => {
    const actor: Actor = { account: signedInAccount(request), ip: request.ip };
    return { actor, client: await clients.find(actor, key) };
  };
  return {
    async viewer(request: FastifyRequest, key: string) {
      const found = await find(request, key);
      const rights = found.actor.account.kind === 'client_user' ? await rightsOf(found.actor.account.id) : [];
      assertClientRight(found.actor.account, rights, found.client.id, 'backups');
      return found;
    },
    async administrator(request: FastifyRequest, key: string) {
      const found = await find(request, key);
      assertCanAdministerClient(found.actor.account, found.client.id);
      return found;
    },
  };
}

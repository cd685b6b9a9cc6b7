import type { Db } from '../db/database.js';
import type { Mailer } from '../mail/mailer.js';
import { badRequest, conflict, forbidden, notFound } from '../server/errors.js';
import { clientRepository } from '../tenants/client.repository.js';
import { accountRepository, type AccountDetails } from './account.repository.js';
import {
  assertCanAdministerClient,
  assertOperator,
  canAdministerClient,
  clientNotFound,
  isOperator,
  isStaff,
  type Actor,
  type Right,
} from './access.js';
import { auditRepository } from './audit.repository.js';
import type { LinkService } from './link.service.js';
import { parseHash } from './password-hash.js';

export type Role = 'operator' | 'support_agent' | 'client_admin' | 'client_user';

export interface NewAccount {
  email: string;
  displayName: string;
  role: Role;
  /** Client slug or id; required for client roles, refused for staff roles. */
  client?: string | undefined;
  /** An existing `$pbkdf2-sha512$…` hash to import; otherwise an invitation is e-mailed. */
  passwordHash?: string | undefined;
}

const accountNotFound = () =>
  notFound('account_not_found', 'there is no such account; check it with `oxygis user list`');

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23505';
}

/**
 * Accounts: the host manages staff and each client's administrators; a client administrator
 * invites its own users and grants their rights. Nobody sets another person's password: new
 * accounts get an invitation link by e-mail, or keep an imported hash.
 */
export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly links: LinkService,
    private readonly mailer: Mailer,
  ) {}

  async create(actor: Actor, input: NewAccount): Promise<{ account: AccountDetails; invited: boolean }> {
    const email = input.email.trim().toLowerCase();
    let clientId: string | null = null;
    if (input.role === 'operator' || input.role === 'support_agent') {
      assertOperator(actor.account);
      if (input.client)
        throw badRequest('staff_without_client', 'staff accounts belong to no client; leave out --client');
    } else {
      if (!input.client)
        throw badRequest('client_required', 'client accounts need a client: give --client SLUG');
      const client = await clientRepository.findBySlugOrId(this.db, input.client);
      if (!client || (!isStaff(actor.account) && actor.account.clientId !== client.id))
        throw clientNotFound();
      if (input.role === 'client_admin') assertOperator(actor.account);
      else assertCanAdministerClient(actor.account, client.id);
      clientId = client.id;
    }
    if (input.passwordHash !== undefined) {
      assertOperator(actor.account);
      if (!parseHash(input.passwordHash)) {
        throw badRequest(
          'invalid_password_hash',
          'the password hash must be in the $pbkdf2-sha512$<rounds>$<salt>$<checksum> format (passlib, Odoo)',
        );
      }
    }

    let id: string;
    try {
      const created = await accountRepository.insert(this.db, {
        email,
        displayName: input.displayName.trim() || email,
        kind: input.role === 'operator' || input.role === 'support_agent' ? 'staff' : input.role,
        roles: input.role === 'operator' || input.role === 'support_agent' ? [input.role] : [],
        clientId,
        status: input.passwordHash ? 'active' : 'invited',
        passwordHash: input.passwordHash ?? null,
      });
      id = created.id;
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('email_taken', `an account with the e-mail ${email} already exists`);
      throw error;
    }
    await this.audit(actor, clientId, 'account.created', id, {
      email,
      role: input.role,
      imported: !!input.passwordHash,
    });
    if (!input.passwordHash) await this.links.sendInvitation(id, email, actor.account.displayName);
    return { account: await this.details(id), invited: !input.passwordHash };
  }

  /** Staff see every account (or one client's); a client administrator its client's; a user itself. */
  async list(actor: Actor, client?: string): Promise<AccountDetails[]> {
    let clientId: string | undefined;
    if (client !== undefined) {
      const found = await clientRepository.findBySlugOrId(this.db, client);
      if (!found || (!isStaff(actor.account) && actor.account.clientId !== found.id)) throw clientNotFound();
      clientId = found.id;
    }
    if (isStaff(actor.account))
      return accountRepository.listDetails(this.db, clientId === undefined ? {} : { clientId });
    if (actor.account.kind === 'client_admin') {
      return accountRepository.listDetails(this.db, { clientId: actor.account.clientId ?? '' });
    }
    return accountRepository.listDetails(this.db, { accountId: actor.account.id });
  }

  async get(actor: Actor, key: string): Promise<AccountDetails> {
    const account = await this.find(key);
    if (!this.canSee(actor, account)) throw accountNotFound();
    return account;
  }

  async setStatus(actor: Actor, key: string, status: 'active' | 'disabled'): Promise<AccountDetails> {
    const account = await this.manageable(actor, key);
    if (account.id === actor.account.id)
      throw forbidden('cannot_disable_self', 'you cannot disable your own account');
    if (account.status === 'invited' && status === 'active') {
      throw badRequest('invitation_pending', 'this account has not accepted its invitation yet');
    }
    // An account that never chose a password goes back to "invited", not to "active".
    const hasPassword = (await accountRepository.findById(this.db, account.id))?.passwordHash != null;
    await accountRepository.setStatus(
      this.db,
      account.id,
      status === 'active' && !hasPassword ? 'invited' : status,
    );
    await this.audit(
      actor,
      account.clientId,
      status === 'disabled' ? 'account.disabled' : 'account.enabled',
      account.id,
      {
        email: account.email,
      },
    );
    return this.details(account.id);
  }

  /** Grants exactly `rights` to a client user (the others are revoked). */
  async setRights(actor: Actor, key: string, rights: Right[]): Promise<AccountDetails> {
    const account = await this.manageable(actor, key);
    if (account.kind !== 'client_user') {
      throw badRequest(
        'rights_for_users_only',
        'rights are granted to client users; administrators and staff have theirs by role',
      );
    }
    const before = account.rights;
    const after = [...new Set(rights)].sort();
    await accountRepository.replaceRights(this.db, account.id, after, actor.account.id);
    const granted = after.filter((r) => !before.includes(r));
    const revoked = before.filter((r) => !after.includes(r as Right));
    if (granted.length + revoked.length > 0) {
      await this.audit(actor, account.clientId, 'account.rights_changed', account.id, {
        email: account.email,
        granted,
        revoked,
      });
    }
    return this.details(account.id);
  }

  async resendInvitation(actor: Actor, key: string): Promise<void> {
    const account = await this.manageable(actor, key);
    if (account.status !== 'invited')
      throw badRequest('not_invited', 'this account has already set its password');
    await this.links.sendInvitation(account.id, account.email, actor.account.displayName);
    await this.audit(actor, account.clientId, 'account.invitation_resent', account.id, {
      email: account.email,
    });
  }

  private canSee(actor: Actor, account: AccountDetails): boolean {
    if (isStaff(actor.account) || account.id === actor.account.id) return true;
    return actor.account.kind === 'client_admin' && account.clientId === actor.account.clientId;
  }

  /** The account if the actor may administer it: operators all, client admins their client's users. */
  private async manageable(actor: Actor, key: string): Promise<AccountDetails> {
    const account = await this.get(actor, key);
    const allowed =
      isOperator(actor.account) ||
      (account.kind === 'client_user' &&
        account.clientId !== null &&
        canAdministerClient(actor.account, account.clientId));
    if (!allowed) throw forbidden('not_allowed', 'you cannot administer this account');
    return account;
  }

  private async find(key: string): Promise<AccountDetails> {
    const byId = /^[0-9a-f-]{36}$/i.test(key);
    const id = byId ? key : (await accountRepository.findByEmail(this.db, key))?.id;
    if (!id) throw accountNotFound();
    return this.details(id);
  }

  private async details(id: string): Promise<AccountDetails> {
    const [account] = await accountRepository.listDetails(this.db, { accountId: id });
    if (!account) throw accountNotFound();
    return account;
  }

  private audit(
    actor: Actor,
    clientId: string | null,
    action: string,
    target: string,
    detail: Record<string, unknown>,
  ) {
    return auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId,
      action,
      target,
      ip: actor.ip,
      detail,
    });
  }
}

import type { Db } from '../db/database.js';
import type { Mailer } from '../mail/mailer.js';
import { badRequest } from '../server/errors.js';
import { accountRepository, type Account } from './account.repository.js';
import { auditRepository } from './audit.repository.js';
import { linkRepository, type LinkPurpose } from './link.repository.js';
import { hashPassword } from './password-hash.js';
import { assertAcceptablePassword } from './password-policy.js';
import { sessionRepository } from './session.repository.js';
import { hashSecret, newSecret } from './tokens.js';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
const RESET_TTL_MS = 60 * 60 * 1000;

const linkInvalid = () =>
  badRequest('link_invalid', 'this link has expired or was already used; ask for a new one');

/**
 * Single-use, expiring links sent by e-mail: invitations (a new account sets its own password)
 * and password resets. Only the SHA-256 of a link's token is stored.
 */
export class LinkService {
  constructor(
    private readonly db: Db,
    private readonly mailer: Mailer,
    private readonly consoleUrl: () => string,
    private readonly rounds: number,
  ) {}

  async sendInvitation(accountId: string, email: string, inviter: string): Promise<void> {
    const token = await this.issue(accountId, 'invitation', INVITATION_TTL_MS);
    await this.mailer.send({
      to: email,
      subject: 'Your Oxygis Cloud account',
      text: [
        `${inviter} created an Oxygis Cloud account for you (${email}).`,
        '',
        'Choose your password here (the link works once, for 7 days):',
        `${this.consoleUrl()}/accept-invitation?token=${token}`,
        '',
        'If you did not expect this, ignore this message.',
      ].join('\n'),
    });
  }

  async acceptInvitation(token: string, password: string, ip: string): Promise<Account> {
    return this.setPasswordWithLink(token, 'invitation', password, ip);
  }

  /** Always answers the same, whether or not the address has an account (no enumeration). */
  async requestPasswordReset(email: string, ip: string): Promise<void> {
    const account = await accountRepository.findByEmail(this.db, email.trim());
    if (account?.status !== 'active') return;
    const token = await this.issue(account.id, 'password_reset', RESET_TTL_MS);
    await this.mailer.send({
      to: account.email,
      subject: 'Reset your Oxygis Cloud password',
      text: [
        'Someone asked to reset the password of your Oxygis Cloud account.',
        '',
        'Choose a new password here (the link works once, for 1 hour):',
        `${this.consoleUrl()}/reset-password?token=${token}`,
        '',
        'If it was not you, ignore this message: your password stays as it is.',
      ].join('\n'),
    });
    await auditRepository.append(this.db, {
      actorAccountId: account.id,
      actorEmail: account.email,
      clientId: account.clientId,
      action: 'auth.password_reset_requested',
      ip,
    });
  }

  async completePasswordReset(token: string, password: string, ip: string): Promise<Account> {
    return this.setPasswordWithLink(token, 'password_reset', password, ip);
  }

  private async issue(accountId: string, purpose: LinkPurpose, ttlMs: number): Promise<string> {
    const now = new Date();
    await linkRepository.revokeOpen(this.db, accountId, purpose, now);
    const { secret, hash } = newSecret();
    await linkRepository.insert(this.db, {
      tokenHash: hash,
      accountId,
      purpose,
      expiresAt: new Date(now.getTime() + ttlMs),
    });
    return secret;
  }

  private async setPasswordWithLink(
    token: string,
    purpose: LinkPurpose,
    password: string,
    ip: string,
  ): Promise<Account> {
    const tokenHash = hashSecret(token);
    // Check the password before using up the link, so a refused password can be retried.
    const pending = await this.db
      .selectFrom('one_time_link')
      .innerJoin('account', 'account.id', 'one_time_link.account_id')
      .select(['account.email', 'account.display_name'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!pending) throw linkInvalid();
    assertAcceptablePassword(password, [pending.email, pending.display_name]);
    const accountId = await linkRepository.consume(this.db, tokenHash, purpose, new Date());
    if (!accountId) throw linkInvalid();
    const account = await accountRepository.findById(this.db, accountId);
    if (!account || account.status === 'disabled') throw linkInvalid();
    await accountRepository.setPasswordHash(this.db, accountId, await hashPassword(password, this.rounds));
    if (account.status === 'invited') await accountRepository.setStatus(this.db, accountId, 'active');
    // A new password ends every existing session of the account.
    await sessionRepository.deleteForAccount(this.db, accountId);
    await auditRepository.append(this.db, {
      actorAccountId: accountId,
      actorEmail: account.email,
      clientId: account.clientId,
      action: purpose === 'invitation' ? 'auth.invitation_accepted' : 'auth.password_reset',
      ip,
    });
    const { passwordHash: _hash, ...rest } = account;
    return { ...rest, status: 'active' };
  }
}

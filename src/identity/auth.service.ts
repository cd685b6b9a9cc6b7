import type { Db } from '../db/database.js';
import { conflict, forbidden, notFound, unauthorized } from '../server/errors.js';
import { accountRepository, type Account, type AccountWithHash } from './account.repository.js';
import { apiTokenRepository } from './api-token.repository.js';
import { auditRepository } from './audit.repository.js';
import type { MfaService } from './mfa.service.js';
import { dummyVerify, hashPassword, needsRehash, verifyPassword } from './password-hash.js';
import { assertAcceptablePassword } from './password-policy.js';
import { sessionRepository } from './session.repository.js';
import type { ThrottleService } from './throttle.service.js';
import { hashSecret, newSecret } from './tokens.js';

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
};

export interface NewSession {
  account: Account;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

const INVALID = 'the e-mail address or the password is wrong, or the account cannot sign in';

function publicAccount(account: AccountWithHash): Account {
  const { passwordHash: _hash, ...rest } = account;
  return rest;
}

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly rounds: number,
    private readonly throttle: ThrottleService,
    private readonly mfa: MfaService,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  /**
   * Password, then the second factor when enrolled. Throttled attempts, unknown accounts and wrong
   * passwords all get the same answer.
   */
  private async authenticate(
    email: string,
    password: string,
    code: string | undefined,
    meta: RequestMeta,
  ): Promise<Account> {
    const refuse = async (reason: string): Promise<never> => {
      await auditRepository.append(this.db, {
        actorAccountId: null,
        actorEmail: email,
        clientId: null,
        action: 'auth.login_failed',
        ip: meta.ip,
        detail: { reason },
      });
      throw unauthorized('invalid_credentials', INVALID);
    };
    if (await this.throttle.isBlocked(email, meta.ip)) return refuse('throttled');
    const account = await this.verifyCredentials(email, password);
    if (!account) {
      await this.throttle.recordFailure(email, meta.ip);
      return refuse('password');
    }
    if (await this.mfa.isEnabled(account.id)) {
      if (!code) {
        throw unauthorized(
          'mfa_required',
          'enter the 6-digit code from your authenticator app, or a recovery code',
        );
      }
      if (!(await this.mfa.verifySecondFactor(account.id, code))) {
        await this.throttle.recordFailure(email, meta.ip);
        return refuse('second_factor');
      }
    }
    await this.throttle.recordSuccess(email, meta.ip);
    return account;
  }

  /**
   * Checks a password without telling whether the account exists (same work, same answer), and
   * re-hashes a stored hash that is weaker than the current policy.
   */
  async verifyCredentials(email: string, password: string): Promise<Account | undefined> {
    const account = await accountRepository.findByEmail(this.db, email);
    if (!account?.passwordHash) {
      await dummyVerify(password, this.rounds);
      return undefined;
    }
    if (!(await verifyPassword(password, account.passwordHash)) || account.status !== 'active')
      return undefined;
    if (needsRehash(account.passwordHash, this.rounds)) {
      await accountRepository.setPasswordHash(this.db, account.id, await hashPassword(password, this.rounds));
    }
    return publicAccount(account);
  }

  async login(
    email: string,
    password: string,
    code: string | undefined,
    meta: RequestMeta,
  ): Promise<NewSession> {
    const account = await this.authenticate(email, password, code, meta);
    const session = await this.startSession(account, meta);
    await this.audit(account, 'auth.login', meta);
    return session;
  }

  async startSession(account: Account, meta: RequestMeta): Promise<NewSession> {
    const { secret, hash } = newSecret();
    const csrfToken = newSecret().secret;
    const expiresAt = new Date(Date.now() + this.policy.absoluteMs);
    await sessionRepository.insert(this.db, {
      idHash: hash,
      accountId: account.id,
      csrfToken,
      ip: meta.ip,
      userAgent: meta.userAgent,
      expiresAt,
    });
    return { account, sessionToken: secret, csrfToken, expiresAt };
  }

  /** The signed-in account of a session token, if the session is neither expired nor idle too long. */
  async sessionAccount(sessionToken: string): Promise<{ account: Account; csrfToken: string } | undefined> {
    const idHash = hashSecret(sessionToken);
    const session = await sessionRepository.find(this.db, idHash);
    const now = new Date();
    if (!session) return undefined;
    if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > this.policy.idleMs) {
      await sessionRepository.delete(this.db, idHash);
      return undefined;
    }
    const account = await accountRepository.findById(this.db, session.accountId);
    if (account?.status !== 'active') return undefined;
    await sessionRepository.touch(this.db, idHash, now);
    return { account: publicAccount(account), csrfToken: session.csrfToken };
  }

  async logout(sessionToken: string, account: Account, meta: RequestMeta): Promise<void> {
    await sessionRepository.delete(this.db, hashSecret(sessionToken));
    await this.audit(account, 'auth.logout', meta);
  }

  /** Exchanges credentials for an API token (the CLI's `oxygis login`); the secret is shown once. */
  async issueApiToken(
    email: string,
    password: string,
    code: string | undefined,
    name: string,
    meta: RequestMeta,
  ): Promise<{ id: string; token: string; account: Account }> {
    const account = await this.authenticate(email, password, code, meta);
    const { secret, hash } = newSecret('oxy_');
    const id = await apiTokenRepository.insert(this.db, { accountId: account.id, name, tokenHash: hash });
    await this.audit(account, 'auth.token_created', meta, { tokenId: id, name });
    return { id, token: secret, account };
  }

  async tokenAccount(token: string): Promise<Account | undefined> {
    const accountId = await apiTokenRepository.use(this.db, hashSecret(token), new Date());
    if (!accountId) return undefined;
    const account = await accountRepository.findById(this.db, accountId);
    return account?.status === 'active' ? publicAccount(account) : undefined;
  }

  listApiTokens(accountId: string) {
    return apiTokenRepository.list(this.db, accountId);
  }

  async revokeApiToken(account: Account, tokenId: string, meta: RequestMeta): Promise<void> {
    if (!(await apiTokenRepository.revoke(this.db, account.id, tokenId))) {
      throw notFound('token_not_found', 'there is no such live token of yours; see `oxygis token list`');
    }
    await this.audit(account, 'auth.token_revoked', meta, { tokenId });
  }

  /** Re-authentication: the current password must be given again before a sensitive change. */
  async reauthenticate(account: Account, password: string): Promise<void> {
    if (!(await this.verifyCredentials(account.email, password))) {
      throw forbidden(
        'reauthentication_failed',
        'your current password is not right; type it again to confirm the change',
      );
    }
  }

  async changePassword(
    account: Account,
    current: string,
    next: string,
    keepSession: string | null,
    meta: RequestMeta,
  ) {
    await this.reauthenticate(account, current);
    assertAcceptablePassword(next, [account.email, account.displayName]);
    await accountRepository.setPasswordHash(this.db, account.id, await hashPassword(next, this.rounds));
    await sessionRepository.deleteForAccount(
      this.db,
      account.id,
      keepSession ? hashSecret(keepSession) : undefined,
    );
    await this.audit(account, 'auth.password_changed', meta);
  }

  /** A new e-mail address, after re-authentication; the old address is told. */
  async changeEmail(
    account: Account,
    password: string,
    email: string,
    meta: RequestMeta,
    notify: (to: string, text: string) => Promise<void>,
  ) {
    await this.reauthenticate(account, password);
    const next = email.trim().toLowerCase();
    const taken = await accountRepository.findByEmail(this.db, next);
    if (taken && taken.id !== account.id)
      throw conflict('email_taken', `an account with the e-mail ${next} already exists`);
    await accountRepository.setEmail(this.db, account.id, next);
    await this.audit(account, 'auth.email_changed', meta, { from: account.email, to: next });
    await notify(
      account.email,
      `The e-mail address of your Oxygis Cloud account was changed to ${next}. If you did not do this, contact your administrator now.`,
    );
  }

  async purgeExpiredSessions(): Promise<number> {
    return sessionRepository.purgeExpired(this.db, new Date(), this.policy.idleMs);
  }

  private audit(
    account: Account,
    action: string,
    meta: RequestMeta,
    detail?: Record<string, unknown>,
  ): Promise<void> {
    return auditRepository.append(this.db, {
      actorAccountId: account.id,
      actorEmail: account.email,
      clientId: account.clientId,
      action,
      ip: meta.ip,
      ...(detail ? { detail } : {}),
    });
  }
}

import type { Db } from '../db/database.js';
import { unauthorized } from '../server/errors.js';
import { accountRepository, type Account, type AccountWithHash } from './account.repository.js';
import { apiTokenRepository } from './api-token.repository.js';
import { auditRepository } from './audit.repository.js';
import { dummyVerify, hashPassword, needsRehash, verifyPassword } from './password-hash.js';
import { sessionRepository } from './session.repository.js';
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
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

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

  async login(email: string, password: string, meta: RequestMeta): Promise<NewSession> {
    const account = await this.verifyCredentials(email, password);
    if (!account) {
      await auditRepository.append(this.db, {
        actorAccountId: null,
        actorEmail: email,
        clientId: null,
        action: 'auth.login_failed',
        ip: meta.ip,
      });
      throw unauthorized('invalid_credentials', INVALID);
    }
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
    name: string,
    meta: RequestMeta,
  ): Promise<{ id: string; token: string; account: Account }> {
    const account = await this.verifyCredentials(email, password);
    if (!account) {
      await auditRepository.append(this.db, {
        actorAccountId: null,
        actorEmail: email,
        clientId: null,
        action: 'auth.token_failed',
        ip: meta.ip,
      });
      throw unauthorized('invalid_credentials', INVALID);
    }
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

import type { Db } from '../db/database.js';
import { forbidden } from '../server/errors.js';
import { accountRepository, type Account } from './account.repository.js';
import { auditRepository } from './audit.repository.js';
import { hashPassword } from './password-hash.js';
import { assertAcceptablePassword } from './password-policy.js';
import { setupTokenRepository } from './setup-token.repository.js';
import { hashSecret, newSecret } from './tokens.js';

export type BootstrapResult =
  { kind: 'existing' } | { kind: 'created'; email: string } | { kind: 'setup-link'; token: string };

export interface FirstOperator {
  email: string;
  password: string;
  displayName: string;
}

/**
 * The first operator account: from OXYGIS_BOOTSTRAP_ADMIN_* when given, otherwise through a
 * one-time setup link printed at start. Only while no account exists.
 */
export class SetupService {
  constructor(
    private readonly db: Db,
    private readonly rounds: number,
  ) {}

  async needed(): Promise<boolean> {
    return (await accountRepository.count(this.db)) === 0;
  }

  async bootstrap(admin: { email: string; password: string } | undefined): Promise<BootstrapResult> {
    if (!(await this.needed())) return { kind: 'existing' };
    if (admin) {
      await this.createOperator(
        { ...admin, displayName: admin.email.split('@')[0] ?? admin.email },
        'bootstrap',
      );
      return { kind: 'created', email: admin.email };
    }
    const { secret, hash } = newSecret();
    await setupTokenRepository.replace(this.db, hash);
    return { kind: 'setup-link', token: secret };
  }

  async complete(token: string, operator: FirstOperator, ip: string): Promise<Account> {
    assertAcceptablePassword(operator.password);
    if (!(await this.needed()) || !(await setupTokenRepository.consume(this.db, hashSecret(token)))) {
      throw forbidden(
        'setup_link_invalid',
        'this setup link is used up or unknown; restart `oxygis start` while no account exists to get a new one',
      );
    }
    return this.createOperator(operator, 'setup_link', ip);
  }

  private async createOperator(
    operator: FirstOperator,
    via: string,
    ip: string | null = null,
  ): Promise<Account> {
    const passwordHash = await hashPassword(operator.password, this.rounds);
    const account = await accountRepository.insert(this.db, {
      email: operator.email,
      displayName: operator.displayName,
      kind: 'staff',
      roles: ['operator'],
      clientId: null,
      status: 'active',
      passwordHash,
    });
    await auditRepository.append(this.db, {
      actorAccountId: account.id,
      actorEmail: account.email,
      clientId: null,
      action: 'account.first_operator_created',
      target: account.id,
      ip,
      detail: { via },
    });
    return account;
  }
}

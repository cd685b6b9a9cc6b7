import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Db } from '../db/database.js';
import { badRequest, forbidden, unauthorized } from '../server/errors.js';
import type { SecretBox } from '../shared/secret-box.js';
import type { Account } from './account.repository.js';
import type { Actor } from './access.js';
import { auditRepository } from './audit.repository.js';
import { mfaRepository } from './mfa.repository.js';
import { hashSecret } from './tokens.js';

const ISSUER = 'Oxygis Cloud';
const RECOVERY_CODES = 10;

/** 12 characters from an unambiguous alphabet, shown as xxxx-xxxx-xxxx. */
function recoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length] ?? 'a').join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** otplib's verify result is typed for TOTP and HOTP alike; TOTP results carry the time step. */
function stepOf(result: object): number {
  return 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : 0;
}

const normaliseRecovery = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export interface Enrollment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/** TOTP second factor (RFC 6238, otplib) with single-use recovery codes stored hashed. */
export class MfaService {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly staffMfaRequired: boolean,
  ) {}

  /** Whether this account must have a second factor (its client asks, or staff policy). */
  async isRequired(account: Account): Promise<boolean> {
    if (account.kind === 'staff') return this.staffMfaRequired;
    return (await mfaRepository.state(this.db, account.id))?.clientRequiresMfa ?? false;
  }

  async isEnabled(accountId: string): Promise<boolean> {
    return (await mfaRepository.state(this.db, accountId))?.enabled ?? false;
  }

  /** Step 1 (after re-authentication by the caller): a new secret, not active until confirmed. */
  async begin(actor: Actor): Promise<Enrollment> {
    const secret = generateSecret();
    await mfaRepository.setPendingSecret(this.db, actor.account.id, this.box.seal(secret));
    const otpauthUri = generateURI({ issuer: ISSUER, label: actor.account.email, secret });
    const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUri, qrSvg };
  }

  /** Step 2: a valid code from the authenticator turns it on; the recovery codes are shown once. */
  async confirm(actor: Actor, code: string): Promise<string[]> {
    const state = await mfaRepository.state(this.db, actor.account.id);
    if (!state?.sealedSecret || state.enabled) {
      throw badRequest('no_enrollment', 'start the enrolment first (POST /api/auth/mfa/enroll)');
    }
    const result = await verify({
      secret: this.box.open(state.sealedSecret),
      token: code.trim(),
      epochTolerance: 30,
    });
    if (!result.valid)
      throw badRequest('invalid_code', 'that code is not valid; type the current code from your app');
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    await mfaRepository.enable(
      this.db,
      actor.account.id,
      stepOf(result),
      codes.map((c) => hashSecret(normaliseRecovery(c))),
    );
    await this.audit(actor, 'auth.mfa_enabled');
    return codes;
  }

  async disable(actor: Actor): Promise<void> {
    if (await this.isRequired(actor.account)) {
      throw forbidden(
        'mfa_required_by_policy',
        'a second factor is required for this account; it cannot be turned off',
      );
    }
    await mfaRepository.disable(this.db, actor.account.id);
    await this.audit(actor, 'auth.mfa_disabled');
  }

  /** A TOTP code (each time step once) or an unused recovery code. */
  async verifySecondFactor(accountId: string, code: string): Promise<boolean> {
    const state = await mfaRepository.state(this.db, accountId);
    if (!state?.enabled || !state.sealedSecret) return false;
    const token = code.trim();
    if (/^\d{6}$/.test(token)) {
      const result = await verify({
        secret: this.box.open(state.sealedSecret),
        token,
        epochTolerance: 30,
        ...(state.lastStep === null ? {} : { afterTimeStep: state.lastStep }),
      });
      return result.valid && (await mfaRepository.useStep(this.db, accountId, stepOf(result)));
    }
    return mfaRepository.useRecoveryCode(this.db, accountId, hashSecret(normaliseRecovery(token)));
  }

  assertCode(valid: boolean): void {
    if (!valid) throw unauthorized('invalid_credentials', 'the second-factor code is not valid');
  }

  private audit(actor: Actor, action: string): Promise<void> {
    return auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: actor.account.clientId,
      action,
      ip: actor.ip,
    });
  }
}

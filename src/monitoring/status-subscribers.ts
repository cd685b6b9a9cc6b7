import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.js';
import { hashSecret, newSecret } from '../identity/tokens.js';
import type { Mailer, OutgoingMail } from '../mail/mailer.js';
import type { Logger } from '../shared/logger.js';
import { publicIncidentTitle, STATUS_TIME_ZONE, type MonitorKind } from './status-aggregate.js';
import { localTime } from './status-feed.js';

const CONFIRM_TTL_MS = 24 * 3600_000;
/** One mail per address per minute at most, however often someone submits it. */
const RESEND_AFTER_MS = 60_000;
const SEND_CONCURRENCY = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface Notice {
  subject: string;
  text: string;
}

/**
 * E-mail subscriptions to the public status page. Subscribing mails a confirmation link (24 h,
 * single use, only its SHA-256 stored); nothing else is sent until it is followed. Every mail
 * carries an unsubscribe link: its token is the subscriber id with an HMAC of it under a key
 * derived from the platform key, so no unsubscribe secret is stored and old mails keep working.
 * The caller never learns whether an address was known (no enumeration).
 */
export class StatusSubscribers {
  private readonly unsubscribeKey: Buffer;

  constructor(
    private readonly db: Db,
    private readonly mailer: Mailer,
    private readonly publicUrl: () => string,
    platformKey: Buffer,
    private readonly logger: Logger,
  ) {
    this.unsubscribeKey = createHmac('sha256', platformKey).update('oxygis status-page unsubscribe').digest();
  }

  /** Mails a confirmation link (or, to a confirmed address, a reminder of how to stop). */
  async subscribe(email: string, now = new Date()): Promise<void> {
    const address = email.trim().toLowerCase();
    await this.db
      .deleteFrom('status_subscriber')
      .where('confirmed_at', 'is', null)
      .where('confirm_expires_at', '<', now)
      .execute();
    const { secret, hash } = newSecret();
    const pending = {
      confirm_token_hash: hash,
      confirm_expires_at: new Date(now.getTime() + CONFIRM_TTL_MS),
    };
    const created = await this.db
      .insertInto('status_subscriber')
      .values({ email: address, mailed_at: now, ...pending })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (created) return this.deliver(this.confirmationMail(address, created.id, secret));

    const known = await this.db
      .selectFrom('status_subscriber')
      .select(['id', 'confirmed_at', 'mailed_at'])
      .where('email', '=', address)
      .executeTakeFirst();
    if (!known || (known.mailed_at && now.getTime() - known.mailed_at.getTime() < RESEND_AFTER_MS)) return;
    if (known.confirmed_at) {
      await this.db
        .updateTable('status_subscriber')
        .set({ mailed_at: now })
        .where('id', '=', known.id)
        .execute();
      return this.deliver(this.alreadySubscribedMail(address, known.id));
    }
    await this.db
      .updateTable('status_subscriber')
      .set({ mailed_at: now, ...pending })
      .where('id', '=', known.id)
      .execute();
    return this.deliver(this.confirmationMail(address, known.id, secret));
  }

  /** Confirms the subscription of a link's token; false when unknown, used or expired. */
  async confirm(token: string, now = new Date()): Promise<boolean> {
    const confirmed = await this.db
      .updateTable('status_subscriber')
      .set({ confirmed_at: now, confirm_token_hash: null, confirm_expires_at: null })
      .where('confirm_token_hash', '=', hashSecret(token))
      .where('confirm_expires_at', '>', now)
      .returning('id')
      .executeTakeFirst();
    return confirmed !== undefined;
  }

  /** Forgets the subscriber of an unsubscribe token; false when the token is not one. Idempotent. */
  async unsubscribe(token: string): Promise<boolean> {
    const id = this.subscriberOf(token);
    if (!id) return false;
    await this.db.deleteFrom('status_subscriber').where('id', '=', id).execute();
    return true;
  }

  /**
   * Mails a notice to every confirmed subscriber, with the unsubscribe link. Failures are logged,
   * never thrown. The text must name no client: build it with `incidentNotice` /
   * `maintenanceNotice`. It takes a while with many subscribers: callers need not wait for it.
   */
  async notify(subject: string, text: string): Promise<void> {
    const subscribers = await this.db
      .selectFrom('status_subscriber')
      .select(['id', 'email'])
      .where('confirmed_at', 'is not', null)
      .orderBy('created_at')
      .execute();
    let sent = 0;
    for (let i = 0; i < subscribers.length; i += SEND_CONCURRENCY) {
      await Promise.all(
        subscribers.slice(i, i + SEND_CONCURRENCY).map(async ({ id, email }) => {
          try {
            await this.mailer.send({ to: email, subject, text: `${text}\n\n${this.footer(id)}` });
            sent++;
          } catch (error) {
            this.logger.error({ err: error }, 'status notice not sent to a subscriber');
          }
        }),
      );
    }
    this.logger.info({ subject, sent, subscribers: subscribers.length }, 'status notice sent');
  }

  unsubscribeToken(id: string): string {
    return `${id}_${createHmac('sha256', this.unsubscribeKey).update(id).digest('base64url')}`;
  }

  private subscriberOf(token: string): string | undefined {
    const id = token.slice(0, token.indexOf('_'));
    if (!UUID.test(id)) return undefined;
    const given = Buffer.from(token);
    const expected = Buffer.from(this.unsubscribeToken(id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
  }

  private link(action: 'confirm' | 'unsubscribe', token: string): string {
    return `${this.publicUrl()}/api/public/status/subscriptions/${action}?token=${token}`;
  }

  private footer(id: string): string {
    return [
      '--',
      `You receive this because you subscribed to ${this.publicUrl()}/status.`,
      `Unsubscribe: ${this.link('unsubscribe', this.unsubscribeToken(id))}`,
    ].join('\n');
  }

  private confirmationMail(to: string, id: string, secret: string): OutgoingMail {
    return {
      to,
      subject: 'Confirm your Oxygis Cloud status notices',
      text: [
        `Someone, hopefully you, asked to receive the Oxygis Cloud status notices at ${to}:`,
        'incidents when they start and end, and planned maintenance.',
        '',
        'Confirm here (the link works once, for 24 hours):',
        this.link('confirm', secret),
        '',
        'If it was not you, ignore this message: nothing is sent until the address is confirmed.',
        '',
        this.footer(id),
      ].join('\n'),
    };
  }

  private alreadySubscribedMail(to: string, id: string): OutgoingMail {
    return {
      to,
      subject: 'Your Oxygis Cloud status notices',
      text: [
        `${to} already receives the Oxygis Cloud status notices; nothing changed.`,
        '',
        this.footer(id),
      ].join('\n'),
    };
  }

  /** In the background: the answer does not wait for SMTP, nor tell by its timing what happened. */
  private deliver(mail: OutgoingMail): void {
    void this.mailer.send(mail).catch((error: unknown) => {
      this.logger.error({ err: error }, 'status subscription mail not sent');
    });
  }
}

/** The public notice of an incident: the kind of service, never whose. */
export function incidentNotice(kind: MonitorKind | null, what: 'opened' | 'resolved', at: Date): Notice {
  const title = publicIncidentTitle(kind);
  return what === 'opened'
    ? {
        subject: `[Oxygis status] ${title}`,
        text: `${title} since ${localTime(at, STATUS_TIME_ZONE)}. We are on it; follow it on the status page.`,
      }
    : {
        subject: `[Oxygis status] Resolved: ${title}`,
        text: `${title}: resolved at ${localTime(at, STATUS_TIME_ZONE)}.`,
      };
}

/** The public notice of platform-wide maintenance (scheduled, started or ended). */
export function maintenanceNotice(
  what: 'scheduled' | 'started' | 'ended',
  window: { reason: string; start: Date; end: Date },
): Notice {
  const span = `${localTime(window.start, STATUS_TIME_ZONE)} to ${localTime(window.end, STATUS_TIME_ZONE)}`;
  return {
    subject: `[Oxygis status] Maintenance ${what}: ${window.reason}`,
    text:
      what === 'scheduled'
        ? `Planned maintenance of the platform from ${span}: ${window.reason}.`
        : `Planned maintenance of the platform (${span}) ${what}: ${window.reason}.`,
  };
}

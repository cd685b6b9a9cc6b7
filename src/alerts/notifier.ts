import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Mailer } from '../mail/mailer.js';
import type { Logger } from '../shared/logger.js';

export interface Notice {
  subject: string;
  text: string;
  /** Machine-readable, for the webhook: `{ type, ... }`. */
  event: Record<string, unknown>;
}

/**
 * Who is told: the configured addresses (OXYGIS_ALERT_EMAILS), else every active operator, by
 * e-mail; and the configured webhook (OXYGIS_ALERT_WEBHOOK_URL) with the event as JSON. (The
 * helpdesk's duty roster will take over the addresses.) A failed delivery is logged, never thrown.
 */
export class Notifier {
  constructor(
    private readonly db: Db,
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    private readonly emails: readonly string[],
    private readonly webhookUrl: string | undefined,
  ) {}

  async notify(notice: Notice): Promise<void> {
    for (const to of await this.recipients()) {
      await this.mailer.send({ to, subject: notice.subject, text: notice.text }).catch((error: unknown) => {
        this.logger.error({ err: error, to }, 'notification e-mail not sent');
      });
    }
    if (this.webhookUrl) {
      try {
        const response = await fetch(this.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ subject: notice.subject, text: notice.text, ...notice.event }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok)
          this.logger.error({ status: response.status }, 'alert webhook refused the notification');
      } catch (error) {
        this.logger.error({ err: error }, 'alert webhook not reached');
      }
    }
  }

  private async recipients(): Promise<string[]> {
    if (this.emails.length > 0) return [...this.emails];
    const operators = await this.db
      .selectFrom('account')
      .select('email')
      .where('kind', '=', 'staff')
      .where('status', '=', 'active')
      .where(sql<boolean>`'operator' = any(roles)`)
      .execute();
    return operators.map((o) => o.email);
  }
}

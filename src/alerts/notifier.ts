import type { Mailer } from '../mail/mailer.js';
import type { Escalation, EscalationChain } from '../helpdesk/escalation-chain.js';
import type { Logger } from '../shared/logger.js';

export interface Notice {
  subject: string;
  text: string;
  /** Machine-readable, for the webhook: `{ type, ... }`. */
  event: Record<string, unknown>;
}

/** How a notice travels along the escalation chain; alerts by default. */
export type Routing = Omit<Escalation, 'subject'> & {
  /** Told as well, whatever the chain says (e.g. a ticket's assignee). */
  also?: readonly (string | null)[];
};

/**
 * Who is told: whoever the escalation chain reaches for the notice's trigger (the on-duty pair
 * first; see helpdesk/escalation-chain.ts), the configured addresses (OXYGIS_ALERT_EMAILS) always,
 * by e-mail; and the configured webhook (OXYGIS_ALERT_WEBHOOK_URL) with the event as JSON. A
 * failed delivery is logged, never thrown.
 */
export class Notifier {
  constructor(
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    private readonly emails: readonly string[],
    private readonly webhookUrl: string | undefined,
    private readonly chain: EscalationChain,
  ) {}

  async notify(notice: Notice, routing: Routing = { trigger: 'alert' }): Promise<void> {
    const reached = await this.chain
      .reach({ ...routing, subject: notice.subject })
      .catch((error: unknown): string[] => {
        this.logger.error({ err: error }, 'escalation chain not walked; telling the configured addresses');
        return [];
      });
    const recipients = new Set([...this.emails, ...reached]);
    for (const to of routing.also ?? []) if (to) recipients.add(to);
    for (const to of recipients) {
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
}

import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../shared/logger.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  inReplyTo?: string;
  references?: string[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  /** Where mail goes, for the start banner: an SMTP host or the outbox folder. */
  describe(): string;
}

/**
 * Outbound mail through SMTP (nodemailer) when OXYGIS_SMTP_URL is set. Without it, messages are
 * written as .eml files to `<data-dir>/outbox` (readable by the host's administrator only) so a
 * fresh install still delivers invitation links to someone who can pass them on.
 */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string | undefined;
  dataDir: string;
  logger: Logger;
}): Mailer {
  const from = options.from ?? `Oxygis Cloud <no-reply@${os.hostname()}>`;
  if (options.smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(options.smtpUrl);
    const host = new URL(options.smtpUrl).host;
    return {
      describe: () => `SMTP ${host}`,
      async send(mail) {
        const info = (await transport.sendMail({ from, ...mail })) as { messageId: string };
        return { messageId: info.messageId };
      },
    };
  }
  const outbox = path.join(options.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    describe: () => `outbox folder ${outbox} (set OXYGIS_SMTP_URL to send e-mail)`,
    async send(mail) {
      const info = (await transport.sendMail({ from, ...mail })) as { messageId: string; message: Buffer };
      await mkdir(outbox, { recursive: true, mode: 0o700 });
      const file = path.join(
        outbox,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[<>@]/g, '')}.eml`,
      );
      await writeFile(file, info.message, { mode: 0o600 });
      options.logger.info(
        { to: mail.to, subject: mail.subject, file },
        'mail kept in the outbox (no SMTP configured)',
      );
      return { messageId: info.messageId };
    },
  };
}

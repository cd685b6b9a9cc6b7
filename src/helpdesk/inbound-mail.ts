import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../shared/logger.js';
import type { MailIntake } from './mail-intake.js';

export const MAX_INBOUND_BYTES = 10 * 1024 * 1024;

/** An SMTP reply: the sending server bounces the message with this text. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
}

export interface InboundMailServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The helpdesk's inbound SMTP server: a message from a known client address opens a ticket, a
 * reply is threaded into its ticket. Unknown senders, oversized or malformed mail are refused
 * with a clear SMTP error (the sender's server bounces it) — never a crash.
 */
export async function startInboundMail(options: {
  port: number;
  host: string;
  intake: MailIntake;
  logger: Logger;
}): Promise<InboundMailServer> {
  const { intake, logger } = options;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_INBOUND_BYTES,
    logger: false,
    banner: 'Oxygis Cloud helpdesk',
    onData(
      stream: SMTPServerDataStream,
      session: SMTPServerSession,
      callback: (error?: Error | null) => void,
    ) {
      simpleParser(stream)
        .then(async (mail: ParsedMail) => {
          if (stream.sizeExceeded)
            throw new Refusal(`message too large: at most ${MAX_INBOUND_BYTES / 1048576} MB`, 552);
          const from = mail.from?.value[0]?.address?.toLowerCase();
          if (!from) throw new Refusal('the message has no From address', 550);
          const result = await intake.receive({
            from,
            subject: mail.subject ?? '',
            text: (mail.text ?? '').trim(),
            messageId: mail.messageId ?? null,
            inReplyTo: mail.inReplyTo ?? null,
            references: typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []),
            attachments: mail.attachments.map((a, i) => ({
              filename: a.filename ?? `attachment-${i + 1}`,
              contentType: a.contentType,
              content: a.content,
            })),
          });
          if (result.kind === 'unknown_sender')
            throw new Refusal(
              `${from} is not a known client address; write from the address of your account`,
              550,
            );
          logger.info({ ticket: result.number, kind: result.kind }, 'helpdesk e-mail received');
          callback();
        })
        .catch((error: unknown) => {
          if (error instanceof Refusal) {
            const refusal = Object.assign(new Error(error.message), { responseCode: error.responseCode });
            callback(refusal);
            return;
          }
          logger.error(
            { err: error, from: session.envelope.mailFrom },
            'inbound e-mail could not be processed',
          );
          callback(
            Object.assign(new Error('the message could not be processed; try again later'), {
              responseCode: 451,
            }),
          );
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new Error(
              `the helpdesk's e-mail port ${options.port} cannot be used (${error.code}): free it, or set OXYGIS_INBOUND_SMTP_PORT (0 = any free port, -1 = off)`,
            )
          : error,
      );
    });
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', (error) => logger.warn({ err: error }, 'inbound SMTP connection error'));
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

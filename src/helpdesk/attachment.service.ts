import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Db } from '../db/database.js';
import { isStaff, type Actor } from '../identity/access.js';
import { badRequest, notFound } from '../server/errors.js';
import type { TicketService } from './ticket.service.js';

/** The largest file attached to a ticket (the inbound e-mail limit is the same). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface NewAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** A file name safe to store and to hand back: no folders, no control characters, not too long. */
export function cleanFilename(raw: string): string {
  const name = path.posix
    .basename(raw.replaceAll('\\', '/'))
    .replace(/\p{Cc}|"/gu, '')
    .trim();
  if (!name || name === '.' || name === '..')
    throw badRequest('invalid_filename', 'give the file a name, e.g. ?filename=screenshot.png');
  return name.slice(0, 200);
}

/** Files attached to tickets, by the client or staff (portal, CLI, or e-mail attachments). */
export class AttachmentService {
  constructor(
    private readonly db: Db,
    private readonly tickets: TicketService,
  ) {}

  async list(actor: Actor, key: string) {
    const ticket = await this.tickets.visible(actor, key);
    return this.db
      .selectFrom('ticket_attachment')
      .select([
        'id',
        'filename',
        'content_type as contentType',
        'size',
        'sha256',
        'at',
        'uploaded_by as uploadedBy',
      ])
      .where('ticket_id', '=', ticket.id)
      .orderBy('at')
      .execute();
  }

  async add(actor: Actor, key: string, file: NewAttachment) {
    const ticket = await this.tickets.visible(actor, key);
    const id = await this.store(ticket.id, file, actor.account.email, isStaff(actor.account));
    const [added] = (await this.list(actor, key)).filter((a) => a.id === id);
    return added;
  }

  async download(actor: Actor, key: string, id: string) {
    const ticket = await this.tickets.visible(actor, key);
    const row = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.db
          .selectFrom('ticket_attachment')
          .select(['filename', 'content_type as contentType', 'content'])
          .where('id', '=', id)
          .where('ticket_id', '=', ticket.id)
          .executeTakeFirst()
      : undefined;
    if (!row) throw notFound('attachment_not_found', `ticket #${ticket.number} has no such attachment`);
    return row;
  }

  /** Stores a file for a ticket already checked; returns its id. */
  async store(
    ticketId: string,
    file: NewAttachment,
    uploadedBy: string,
    fromStaff: boolean,
  ): Promise<string> {
    const filename = cleanFilename(file.filename);
    if (file.content.length === 0)
      throw badRequest('empty_file', `${filename} is empty: attach a file with content`);
    if (file.content.length > MAX_ATTACHMENT_BYTES)
      throw badRequest('file_too_large', `${filename} is over ${MAX_ATTACHMENT_BYTES / 1048576} MB`);
    const contentType = CONTENT_TYPE.test(file.contentType)
      ? file.contentType.toLowerCase()
      : 'application/octet-stream';
    const row = await this.db
      .insertInto('ticket_attachment')
      .values({
        ticket_id: ticketId,
        filename,
        content_type: contentType,
        size: file.content.length,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        content: file.content,
        uploaded_by: uploadedBy,
        from_staff: fromStaff,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
}

import type { Db } from '../db/database.js';
import { assertClientRight, assertOperator, isStaff, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { calendarMonth, DEFAULT_TIME_ZONE } from '../monitoring/calendar-month.js';
import { monthAt } from '../monitoring/history.service.js';
import { badRequest, conflict, notFound } from '../server/errors.js';
import type { Logger } from '../shared/logger.js';
import { clientRepository, type Client } from '../tenants/client.repository.js';
import type { ClientService } from '../tenants/client.service.js';
import type { PdfPrinter } from './pdf-printer.js';
import { responsibilityAppendix } from './responsibility-appendix.js';
import type { SlaReportBuilder } from './sla-report.builder.js';
import { renderSlaReportHtml } from './sla-report.html.js';
import type { SlaReport } from './sla-report.types.js';

export interface RenderedReport {
  report: SlaReport;
  html: string;
}

/**
 * Monthly SLA evidence reports. A closed month's report is generated once after the month ends
 * and archived (version 1); it never changes — an amendment is a new version with its reason.
 * The current month, or a closed one not archived yet, is a provisional report built on demand.
 */
export class SlaReportService {
  constructor(
    private readonly db: Db,
    private readonly clients: ClientService,
    private readonly builder: SlaReportBuilder,
    private readonly rightsOf: (accountId: string) => Promise<string[]>,
    private readonly printer: PdfPrinter,
    private readonly logger: Logger,
  ) {}

  /** The archived version (latest, or `version`), else a provisional report of the month so far. */
  async get(actor: Actor, clientKey: string, month: string, version?: number): Promise<RenderedReport> {
    const client = await this.visibleClient(actor, clientKey);
    const bounds = calendarMonth(month);
    if (bounds.start > Date.now())
      throw badRequest(
        'period_in_future',
        `${month} has not started yet: choose this month or an earlier one`,
      );
    let query = this.db
      .selectFrom('sla_report')
      .select(['report', 'html'])
      .where('client_id', '=', client.id)
      .where('month', '=', month)
      .orderBy('version', 'desc');
    if (version !== undefined) query = query.where('version', '=', version);
    const archived = await query.executeTakeFirst();
    if (archived) return { report: archived.report as unknown as SlaReport, html: archived.html };
    if (version !== undefined)
      throw notFound(
        'report_version_not_found',
        `${client.slug} has no version ${version} of the ${month} report`,
      );
    return this.render(client, month, { version: 0, reason: null });
  }

  async pdf(actor: Actor, clientKey: string, month: string, version?: number): Promise<Buffer> {
    this.printer.assertAvailable();
    const { html } = await this.get(actor, clientKey, month, version);
    return this.printer.print(html);
  }

  async versions(actor: Actor, clientKey: string) {
    const client = await this.visibleClient(actor, clientKey);
    return this.db
      .selectFrom('sla_report')
      .select(['month', 'version', 'reason', 'created_by as createdBy', 'created_at as createdAt'])
      .where('client_id', '=', client.id)
      .orderBy('month', 'desc')
      .orderBy('version', 'desc')
      .execute();
  }

  /** Operators: a new version of a closed month's report (figures amended, a correction), with why. */
  async amend(actor: Actor, clientKey: string, month: string, reason: string) {
    const client = await this.clients.find(actor, clientKey);
    assertOperator(actor.account);
    if (!reason.trim())
      throw badRequest('reason_required', 'say why the report is amended (it is printed in it)');
    if (calendarMonth(month).end > Date.now())
      throw conflict(
        'month_not_closed',
        `${month} is not over: its report is provisional until the month closes`,
      );
    const version = await this.archive(client, month, reason.trim(), actor.account.email);
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: client.id,
      action: 'report.amended',
      target: `${month} v${version}`,
      ip: actor.ip,
      detail: { reason: reason.trim() },
    });
    return this.get(actor, clientKey, month, version);
  }

  /** After a month closes: version 1 of the report of every client that existed in it, once. */
  async archiveClosedMonth(month: string): Promise<number> {
    const { end } = calendarMonth(month);
    const clients = await this.db
      .selectFrom('client')
      .select(['id'])
      .where('created_at', '<', new Date(end))
      .where('status', '!=', 'deleting')
      .execute();
    let archived = 0;
    for (const { id } of clients) {
      const exists = await this.db
        .selectFrom('sla_report')
        .select('version')
        .where('client_id', '=', id)
        .where('month', '=', month)
        .executeTakeFirst();
      if (exists) continue;
      const client = await clientRepository.findBySlugOrId(this.db, id);
      if (!client) continue;
      try {
        await this.archive(client, month, null, 'platform');
        archived++;
      } catch (error) {
        this.logger.error({ err: error, client: client.slug, month }, 'monthly report not archived');
      }
    }
    return archived;
  }

  /** The month that ended last, in the agreement's zone. */
  static previousMonth(now = Date.now()): string {
    const { start } = calendarMonth(monthAt(now, DEFAULT_TIME_ZONE));
    return monthAt(start - 1, DEFAULT_TIME_ZONE);
  }

  private async archive(client: Client, month: string, reason: string | null, by: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      // One archiver at a time per client and month: versions are numbered without gaps.
      await trx.selectFrom('client').select('id').where('id', '=', client.id).forUpdate().executeTakeFirst();
      const latest = await trx
        .selectFrom('sla_report')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('client_id', '=', client.id)
        .where('month', '=', month)
        .executeTakeFirst();
      const version = (latest?.version ?? 0) + 1;
      const { report, html } = await this.render(client, month, { version, reason });
      await trx
        .insertInto('sla_report')
        .values({
          client_id: client.id,
          month,
          version,
          report: JSON.stringify(report),
          html,
          reason,
          created_by: by,
        })
        .execute();
      return version;
    });
  }

  private async render(client: Client, month: string, meta: { version: number; reason: string | null }) {
    const report = await this.builder.build(client, month, meta);
    return { report, html: renderSlaReportHtml(report, { responsibility: responsibilityAppendix() }) };
  }

  /** Staff, and a client's accounts with the reports right (administrators have every right). */
  private async visibleClient(actor: Actor, clientKey: string): Promise<Client> {
    const client = await this.clients.find(actor, clientKey);
    if (!isStaff(actor.account)) {
      const rights = actor.account.kind === 'client_user' ? await this.rightsOf(actor.account.id) : [];
      assertClientRight(actor.account, rights, client.id, 'reports');
    }
    return client;
  }
}

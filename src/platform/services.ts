import path from 'node:path';
import { BaseBackupService } from '../backups/base-backup.service.js';
import { createBackups, type Backups } from '../backups/bootstrap.js';
import { AlertService } from '../alerts/alert.service.js';
import { Notifier } from '../alerts/notifier.js';
import { AttachmentService } from '../helpdesk/attachment.service.js';
import { ComplianceService } from '../helpdesk/compliance.service.js';
import { OptionService } from '../options/option.service.js';
import { SlaReportBuilder } from '../reports/sla-report.builder.js';
import { SlaReportService } from '../reports/sla-report.service.js';
import { PdfPrinter } from '../reports/pdf-printer.js';
import { DutyRosterService } from '../helpdesk/duty-roster.service.js';
import { EscalationChain } from '../helpdesk/escalation-chain.js';
import { BackupCatalogue } from '../backups/catalogue.service.js';
import { ExpiryService } from '../backups/expiry.service.js';
import { BackupPolicyService } from '../backups/policy.service.js';
import { RestoreService } from '../backups/restore.service.js';
import { TargetHealth } from '../backups/target-health.js';
import { VerifyService } from '../backups/verify.service.js';
import { ForceMajeureService } from '../monitoring/force-majeure.service.js';
import { HistoryService } from '../monitoring/history.service.js';
import { IncidentService } from '../monitoring/incident.service.js';
import { MaintenanceService } from '../monitoring/maintenance.service.js';
import { MonitorService } from '../monitoring/monitor.service.js';
import { Prober } from '../monitoring/prober.js';
import { SlaService } from '../monitoring/sla.service.js';
import { StatusPageService } from '../monitoring/status-page.service.js';
import { StatusSubscribers } from '../monitoring/status-subscribers.js';
import { CalendarService } from '../helpdesk/calendar.service.js';
import { TicketService } from '../helpdesk/ticket.service.js';
import { locatePgBinaries } from '../postgres/binaries.js';
import { ensurePgOsUser } from '../postgres/os-user.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { accountRepository } from '../identity/account.repository.js';
import { AccountService } from '../identity/account.service.js';
import { AuditService } from '../identity/audit.service.js';
import { AuthService } from '../identity/auth.service.js';
import { LinkService } from '../identity/link.service.js';
import { MfaService } from '../identity/mfa.service.js';
import { SetupService } from '../identity/setup.service.js';
import { ThrottleService } from '../identity/throttle.service.js';
import { createMailer, type Mailer } from '../mail/mailer.js';
import { readOrCreateSecret } from '../shared/files.js';
import type { Logger } from '../shared/logger.js';
import { SecretBox } from '../shared/secret-box.js';
import { createLocalHostDriver, prepareRoot, zoneRoots } from '../tenants/bootstrap.js';
import { StandbyService } from '../zones/standby.service.js';
import { Zones } from '../zones/zones.js';
import { ClientService } from '../tenants/client.service.js';
import { CredentialService } from '../tenants/credential.service.js';
import { InstanceService } from '../tenants/instance.service.js';

/** Every service of the platform, built once at start and handed to the routes and jobs. */
export interface Services {
  mailer: Mailer;
  auth: AuthService;
  setup: SetupService;
  links: LinkService;
  mfa: MfaService;
  throttle: ThrottleService;
  accounts: AccountService;
  audit: AuditService;
  clients: ClientService;
  instances: InstanceService;
  credentials: CredentialService;
  backups: Backups;
  baseBackups: BaseBackupService;
  verify: VerifyService;
  restore: RestoreService;
  policies: BackupPolicyService;
  catalogue: BackupCatalogue;
  expiry: ExpiryService;
  /** The rights a client user holds (staff and client administrators hold all of their scope). */
  rightsOf: (accountId: string) => Promise<string[]>;
  alerts: AlertService;
  notifier: Notifier;
  roster: DutyRosterService;
  attachments: AttachmentService;
  compliance: ComplianceService;
  reports: SlaReportService;
  /** HTML documents (reports, purchase orders) as PDF. */
  printer: PdfPrinter;
  options: OptionService;
  /** The multi-zone option's standbys. */
  standbys: StandbyService;
  zones: Zones;
  escalation: EscalationChain;
  targetHealth: TargetHealth;
  monitors: MonitorService;
  maintenance: MaintenanceService;
  forceMajeure: ForceMajeureService;
  sla: SlaService;
  /** Daily availability and per-minute latency, for the console's charts. */
  history: HistoryService;
  incidents: IncidentService;
  prober: Prober;
  calendars: CalendarService;
  tickets: TicketService;
  statusPage: StatusPageService;
  statusSubscribers: StatusSubscribers;
}

export async function createServices(options: {
  config: Config;
  db: Db;
  logger: Logger;
  /** The console URL is known once the HTTPS port is bound. */
  consoleUrl: () => string;
}): Promise<Services> {
  const { config, db, logger } = options;
  const key =
    config.secretKey ?? (await readOrCreateSecret(path.join(config.dataDir, 'secrets', 'platform.key')));
  const platformKey = Buffer.from(key, config.secretKey ? 'base64' : 'base64url');
  const box = new SecretBox(platformKey);
  const backups = await createBackups({ config, db, platformKey, logger });
  const policies = new BackupPolicyService(db, {
    baseBackupEveryHours: config.baseBackupEveryHours,
    weeklyBackupsKept: config.weeklyBackupsKept,
    pitrDays: config.pitrDays,
  });
  const catalogue = new BackupCatalogue(db, policies);
  const staffMfaRequired = (config.staffMfa ?? (config.databaseUrl ? 'required' : 'optional')) === 'required';
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    dataDir: config.dataDir,
    logger,
  });
  const throttle = new ThrottleService(db);
  const mfa = new MfaService(db, box, staffMfaRequired);
  const osUser = await ensurePgOsUser(config.pgOsUser);
  const driver = await createLocalHostDriver(config, logger, {
    settingsFor: (key, home) => backups.archiveSettings(key, home),
    tokenFor: (key) => backups.keys.archiveToken(key),
  });
  const instances = new InstanceService(
    db,
    driver,
    box,
    config.instancePorts,
    path.join(config.dataDir, 'tls', 'ca.pem'),
    logger,
  );
  const calendars = new CalendarService(db);
  const roster = new DutyRosterService(db, calendars);
  const escalation = new EscalationChain(db, roster);
  const notifier = new Notifier(mailer, logger, config.alertEmails, config.alertWebhookUrl, escalation);
  const alerts = new AlertService(db, notifier, logger);
  const links = new LinkService(db, mailer, options.consoleUrl, config.passwordRounds);
  const clients = new ClientService(db, instances, config.deleteGraceDays * 24 * 3600 * 1000);
  const monitors = new MonitorService(db, clients, instances, platformKey, logger);
  const statusSubscribers = new StatusSubscribers(db, mailer, options.consoleUrl, platformKey, logger);
  const publicNotice = (notice: { subject: string; text: string }) =>
    statusSubscribers.notify(notice.subject, notice.text);
  const maintenance = new MaintenanceService(db, clients, publicNotice);
  const forceMajeure = new ForceMajeureService(db);
  const incidents = new IncidentService(db, maintenance, notifier, logger, publicNotice);
  const sla = new SlaService(db, clients, maintenance, forceMajeure);
  const rightsOf = (accountId: string) => accountRepository.rights(db, accountId);
  const baseBackups = new BaseBackupService(
    db,
    instances,
    backups.selection,
    backups.keys,
    path.join(config.dataDir, 'backups', 'staging'),
    logger,
  );
  const zones = new Zones(zoneRoots(config));
  await prepareRoot(config.dataDir, zones.root('b'), osUser, 'OXYGIS_STANDBY_ZONE_DIR');
  const standbys = new StandbyService(
    db,
    clients,
    instances,
    driver.forRoot(zones.root('b')),
    zones,
    baseBackups,
    backups.targets,
    backups.keys,
    alerts,
    { platformKey, osUser, script: backups.script, socket: backups.socket },
    logger,
  );
  const serviceOptions = new OptionService(
    db,
    clients,
    policies,
    backups.selection,
    baseBackups,
    standbys,
    logger,
  );
  await serviceOptions.restoreSelection();
  const compliance = new ComplianceService(db, clients, calendars, rightsOf);
  const tickets = new TicketService(db, clients, calendars, mailer, notifier, rightsOf);
  const prober = new Prober(db, monitors, instances, incidents, alerts, platformKey, logger);
  const printer = new PdfPrinter(config.chromiumPath);
  const restore = new RestoreService(
    db,
    instances,
    catalogue,
    backups.targets,
    backups.keys,
    {
      binaries: await locatePgBinaries(config.pgBinDir, osUser),
      osUser,
      script: backups.script,
      socket: backups.socket,
      keepPreviousDays: config.restoreKeepPreviousDays,
      archiveLag: async (clientId) => (await backups.wal.status(clientId)).lagSeconds,
    },
    logger,
  );
  // Restored data has left the standby's history behind: it is built again from the new data.
  restore.onRestored((clientId) => standbys.afterRestore(clientId));
  return {
    mailer,
    auth: new AuthService(db, config.passwordRounds, throttle, mfa),
    setup: new SetupService(db, config.passwordRounds),
    links,
    mfa,
    throttle,
    accounts: new AccountService(db, links, mailer),
    audit: new AuditService(db),
    clients,
    instances,
    credentials: new CredentialService(db, clients, instances),
    backups,
    verify: new VerifyService(db, backups.targets, catalogue),
    policies,
    catalogue,
    expiry: new ExpiryService(db, catalogue, backups.targets, logger),
    rightsOf,
    calendars,
    tickets,
    attachments: new AttachmentService(db, tickets),
    compliance,
    reports: new SlaReportService(
      db,
      clients,
      new SlaReportBuilder(
        db,
        sla,
        catalogue,
        policies,
        compliance,
        backups.targets.map((t) => t.name),
      ),
      rightsOf,
      printer,
      logger,
    ),
    roster,
    escalation,
    alerts,
    notifier,
    targetHealth: new TargetHealth(backups.targets, alerts, logger),
    monitors,
    maintenance,
    forceMajeure,
    sla,
    history: new HistoryService(db, clients, sla),
    incidents,
    prober,
    statusPage: new StatusPageService(db, maintenance, options.consoleUrl),
    statusSubscribers,
    restore,
    baseBackups,
    options: serviceOptions,
    standbys,
    zones,
    printer,
  };
}

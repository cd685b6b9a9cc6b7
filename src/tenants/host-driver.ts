import type { Plan } from './plans.js';

/** Where a client's instance lives and how to reach it. */
export interface InstanceLocation {
  /** Stable key of the instance on its host (the client id). */
  key: string;
  dataDir: string;
  port: number;
  /** A streaming-replication standby (started once it accepts read-only connections). */
  standby?: boolean;
}

export interface InstanceCrash {
  key: string;
  code: number | null;
  signal: string | null;
}

/**
 * Runs client PostgreSQL instances on one host. The services only talk to this interface, so a
 * remote host (an `oxygis agent` per machine) can be added without touching them.
 */
export interface HostDriver {
  readonly name: string;
  /** Address clients use to reach instances on this host. */
  readonly publicHost: string;
  /** Copies the pre-initialised template into a new data directory (not started). */
  createFromTemplate(key: string, port: number, plan: Plan): Promise<InstanceLocation>;
  /** Rewrites the per-instance settings (port, plan limits). */
  configure(location: InstanceLocation, plan: Plan): Promise<void>;
  start(location: InstanceLocation): Promise<void>;
  stop(key: string): Promise<void>;
  isRunning(key: string): boolean;
  diskUsageBytes(location: InstanceLocation): Promise<number>;
  /** Stops the instance (and any postmaster left on its directory) and removes it for good. */
  removeByKey(key: string): Promise<void>;
  /** Stops whatever runs on this data directory and removes its home (the directory above it). */
  remove(location: InstanceLocation): Promise<void>;
  /** Lists instance keys that have a directory on this host (to find leftovers). */
  listKeys(): Promise<string[]>;
  /** The superuser password every fresh copy of the template starts with. */
  templateAdminPassword(): string;
  /** PEM of the CA that signed the instances' certificates. */
  caPem(): string;
  onCrash(listener: (crash: InstanceCrash) => void): void;
  onRestart(listener: (key: string) => void): void;
  stopAll(): Promise<void>;
}

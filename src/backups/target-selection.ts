import type { StorageTarget } from './targets/storage-target.js';

/**
 * Which storage targets receive a client's backups: every target, except those reserved for an
 * option (a further region for multi-region replication), which receive only the backups of
 * the clients with that option active. The set of those clients is kept here, in memory,
 * loaded at start and changed as options are activated and deactivated.
 */
export class TargetSelection {
  private readonly optedIn = new Set<string>();

  constructor(
    readonly all: readonly StorageTarget[],
    /** Target name → the option it is reserved for. */
    private readonly reservedFor: ReadonlyMap<string, string>,
  ) {}

  /** The targets that receive this client's new backups and WAL. */
  forClient(clientId: string): StorageTarget[] {
    return this.all.filter((t) => !this.reservedFor.has(t.name) || this.optedIn.has(clientId));
  }

  /** The names of the targets reserved for an option. */
  reservedTargets(option: string): string[] {
    return [...this.reservedFor].filter(([, o]) => o === option).map(([name]) => name);
  }

  optIn(clientId: string): void {
    this.optedIn.add(clientId);
  }

  optOut(clientId: string): void {
    this.optedIn.delete(clientId);
  }
}

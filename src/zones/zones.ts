import path from 'node:path';

export type ZoneName = 'a' | 'b';

/**
 * The two availability zones of this platform. With the local host driver a zone is a directory
 * (zone a holds the instances, zone b defaults to `<data-dir>/zones/b`): on one machine that
 * protects against losing a disk or a directory, not the machine. Every client has one home per
 * zone, `<zone root>/<client id>`, holding either its primary or its standby.
 */
export class Zones {
  constructor(private readonly roots: Record<ZoneName, string>) {
    const [a, b] = [path.resolve(roots.a), path.resolve(roots.b)];
    if (a === b || a.startsWith(`${b}${path.sep}`) || b.startsWith(`${a}${path.sep}`))
      throw new Error(
        `the two zones need separate directories (${a} and ${b}); set OXYGIS_STANDBY_ZONE_DIR outside the instances`,
      );
  }

  root(zone: ZoneName): string {
    return this.roots[zone];
  }

  home(zone: ZoneName, clientId: string): string {
    return path.join(this.roots[zone], clientId);
  }

  /** Every home a client may have (the archive accepts WAL from any of them). */
  homes(clientId: string): string[] {
    return (['a', 'b'] as const).map((zone) => this.home(zone, clientId));
  }

  /** The zone a data directory lies in (an instance's, after failovers too). */
  zoneOf(dataDir: string): ZoneName {
    const b = `${path.resolve(this.roots.b)}${path.sep}`;
    return path.resolve(dataDir).startsWith(b) ? 'b' : 'a';
  }

  other(zone: ZoneName): ZoneName {
    return zone === 'a' ? 'b' : 'a';
  }
}

import { describe, expect, it } from 'vitest';
import { lagOf } from './standby-watch.js';
import { Zones } from './zones.js';

describe('zones', () => {
  const zones = new Zones({ a: '/srv/oxygis/instances', b: '/mnt/zone-b' });

  it('knows which zone a data directory lies in, and the other one', () => {
    expect(zones.zoneOf('/srv/oxygis/instances/c1/pgdata')).toBe('a');
    expect(zones.zoneOf('/mnt/zone-b/c1/pgdata')).toBe('b');
    // A sibling whose name only starts like zone b's root is not in it.
    expect(zones.zoneOf('/mnt/zone-b2/c1/pgdata')).toBe('a');
    expect(zones.other('a')).toBe('b');
    expect(zones.homes('c1')).toEqual(['/srv/oxygis/instances/c1', '/mnt/zone-b/c1']);
  });

  it('refuses two zones in the same directory or one inside the other', () => {
    expect(() => new Zones({ a: '/srv/x', b: '/srv/x/' })).toThrow(/separate directories/);
    expect(() => new Zones({ a: '/srv/x', b: '/srv/x/zone-b' })).toThrow(/OXYGIS_STANDBY_ZONE_DIR/);
    expect(() => new Zones({ a: '/srv/x/instances', b: '/srv/x' })).toThrow(/separate/);
  });
});

describe('standby lag', () => {
  const now = new Date('2026-12-03T10:00:00Z');

  it('is zero when the standby has replayed everything, however old its last transaction', () => {
    expect(lagOf('0/3000060', '0/3000060', new Date('2026-11-01T00:00:00Z'), now)).toEqual({
      lagBytes: 0,
      lagSeconds: 0,
    });
  });

  it('counts the bytes behind across WAL files, and the age of the newest replayed transaction', () => {
    expect(lagOf('1/00000010', '0/FFFFFFF0', new Date('2026-12-03T09:59:30Z'), now)).toEqual({
      lagBytes: 32,
      lagSeconds: 30,
    });
  });

  it('is unknown before the standby replayed anything', () => {
    expect(lagOf('0/3000060', null, null, now)).toEqual({ lagBytes: null, lagSeconds: null });
    expect(lagOf('0/3000060', '0/3000000', null, now)).toEqual({ lagBytes: 96, lagSeconds: null });
  });
});

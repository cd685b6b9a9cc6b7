import { describe, expect, it } from 'vitest';
import { monthsBetween, orderLines } from './purchase-order.js';

const zone = 'Europe/Brussels';
const option = {
  code: 'daily_base_backups',
  name: 'Daily base backups',
  unit: 'month',
  unitPrice: 50,
  currency: 'EUR',
};

describe('purchase order lines', () => {
  it('a whole calendar month is one month, whatever its length and DST change', () => {
    expect(
      monthsBetween(new Date('2026-02-01T00:00:00+01:00'), new Date('2026-03-01T00:00:00+01:00'), zone),
    ).toBe(1);
    expect(
      monthsBetween(new Date('2026-03-01T00:00:00+01:00'), new Date('2026-04-01T00:00:00+02:00'), zone),
    ).toBe(1);
    expect(
      monthsBetween(new Date('2026-10-01T00:00:00+02:00'), new Date('2026-11-01T00:00:00+01:00'), zone),
    ).toBe(1);
  });

  it('half of November is half a month; mid-month to mid-month sums the two shares', () => {
    expect(
      monthsBetween(new Date('2026-11-16T00:00:00+01:00'), new Date('2026-12-01T00:00:00+01:00'), zone),
    ).toBe(0.5);
    // 16 days of October (745 hours long: summer time ends on the 25th) and 15 of November's 30.
    const shares = (16 * 24 + 1) / 745 + 15 / 30;
    expect(
      monthsBetween(new Date('2026-10-16T00:00:00+02:00'), new Date('2026-11-16T00:00:00+01:00'), zone),
    ).toBeCloseTo(shares, 10);
  });

  it('an option is billed only while active inside the period, at its price', () => {
    const lines = orderLines(
      [
        { ...option, activatedAt: new Date('2026-11-16T00:00:00+01:00'), deactivatedAt: null },
        {
          ...option,
          code: 'gone',
          activatedAt: new Date('2026-01-01T00:00:00Z'),
          deactivatedAt: new Date('2026-02-01T00:00:00Z'),
        },
      ],
      { from: new Date('2026-11-01T00:00:00+01:00'), to: new Date('2026-12-01T00:00:00+01:00') },
      zone,
    );
    expect(lines).toEqual([
      expect.objectContaining({ option: 'daily_base_backups', quantity: 0.5, unitPrice: 50, total: 25 }),
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clip,
  type Interval,
  intersect,
  normalize,
  overlaps,
  subtract,
  totalLength,
  union,
} from './intervals.js';

const i = (start: number, end: number): Interval => ({ start, end });

describe('intervals', () => {
  it('normalises: sorts, merges overlapping and touching intervals, drops empty ones', () => {
    expect(normalize([i(10, 20), i(0, 5), i(5, 7), i(15, 30), i(40, 40), i(50, 60)])).toEqual([
      i(0, 7),
      i(10, 30),
      i(50, 60),
    ]);
    expect(normalize([])).toEqual([]);
  });

  it('refuses an interval that ends before it starts, or has no finite bound', () => {
    expect(() => normalize([i(5, 4)])).toThrow(RangeError);
    expect(() => normalize([i(0, Number.NaN)])).toThrow(RangeError);
    expect(() => normalize([i(0, Infinity)])).toThrow(RangeError);
  });

  it('does not change its input', () => {
    const input = [i(5, 10), i(0, 6)];
    normalize(input);
    expect(input).toEqual([i(5, 10), i(0, 6)]);
  });

  it('unites, intersects and subtracts', () => {
    const a = [i(0, 10), i(20, 30)];
    const b = [i(5, 25), i(40, 50)];
    expect(union(a, b)).toEqual([i(0, 30), i(40, 50)]);
    expect(intersect(a, b)).toEqual([i(5, 10), i(20, 25)]);
    expect(subtract(a, b)).toEqual([i(0, 5), i(25, 30)]);
    expect(subtract(b, a)).toEqual([i(10, 20), i(40, 50)]);
  });

  it('subtracts holes inside, at the edges and across several intervals', () => {
    expect(subtract([i(0, 100)], [i(10, 20), i(30, 40)])).toEqual([i(0, 10), i(20, 30), i(40, 100)]);
    expect(subtract([i(0, 10), i(20, 30)], [i(0, 30)])).toEqual([]);
    expect(subtract([i(0, 10), i(20, 30)], [i(5, 25)])).toEqual([i(0, 5), i(25, 30)]);
    expect(subtract([i(0, 10)], [i(10, 20)])).toEqual([i(0, 10)]); // half-open: 10 is not in [0, 10)
  });

  it('clips to a range and measures each instant once', () => {
    expect(clip([i(-5, 5), i(8, 20)], i(0, 10))).toEqual([i(0, 5), i(8, 10)]);
    expect(totalLength([i(0, 10), i(5, 15), i(20, 21)])).toBe(16);
  });

  it('tells whether a normal list meets an interval', () => {
    const list = [i(0, 10), i(20, 30)];
    expect(overlaps(list, i(9, 12))).toBe(true);
    expect(overlaps(list, i(10, 20))).toBe(false);
    expect(overlaps(list, i(29, 40))).toBe(true);
    expect(overlaps(list, i(30, 40))).toBe(false);
    expect(overlaps(list, i(-5, 0))).toBe(false);
    expect(overlaps(list, i(5, 5))).toBe(false);
    expect(overlaps([], i(0, 1))).toBe(false);
  });
});

// A model: a set is the instants 0..N-1 it contains.
const N = 40;
const anyIntervals = fc.array(
  fc
    .tuple(fc.integer({ min: 0, max: N }), fc.integer({ min: 0, max: N }))
    .map(([a, b]) => i(Math.min(a, b), Math.max(a, b))),
  { maxLength: 6 },
);
const members = (list: readonly Interval[]): boolean[] =>
  Array.from({ length: N }, (_, t) => list.some(({ start, end }) => start <= t && t < end));
const isNormal = (list: readonly Interval[]): boolean =>
  list.every((x, k) => x.start < x.end && (k === 0 || (list[k - 1] as Interval).end < x.start));

describe('intervals (properties against a point-by-point model)', () => {
  it('union, intersection and difference contain exactly the right instants, as normal lists', () => {
    fc.assert(
      fc.property(anyIntervals, anyIntervals, (a, b) => {
        const ma = members(a);
        const mb = members(b);
        const cases: [Interval[], (t: number) => boolean][] = [
          [normalize(a), (t) => ma[t] === true],
          [union(a, b), (t) => ma[t] === true || mb[t] === true],
          [intersect(a, b), (t) => ma[t] === true && mb[t] === true],
          [subtract(a, b), (t) => ma[t] === true && mb[t] !== true],
        ];
        for (const [result, expected] of cases) {
          expect(isNormal(result)).toBe(true);
          expect(members(result)).toEqual(Array.from({ length: N }, (_, t) => expected(t)));
        }
      }),
    );
  });

  it('|a ∪ b| + |a ∩ b| = |a| + |b|, and a = (a − b) ∪ (a ∩ b)', () => {
    fc.assert(
      fc.property(anyIntervals, anyIntervals, (a, b) => {
        expect(totalLength(union(a, b)) + totalLength(intersect(a, b))).toBe(totalLength(a) + totalLength(b));
        expect(union(subtract(a, b), intersect(a, b))).toEqual(normalize(a));
      }),
    );
  });

  it('overlaps agrees with intersect', () => {
    fc.assert(
      fc.property(anyIntervals, anyIntervals, (a, b) => {
        for (const x of b) expect(overlaps(normalize(a), x)).toBe(intersect(a, [x]).length > 0);
      }),
    );
  });
});

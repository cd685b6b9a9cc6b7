/**
 * Sets of instants as lists of half-open intervals [start, end) in epoch milliseconds.
 *
 * Exact integer arithmetic, no time zones. A list is *normal* when it is sorted, every interval
 * is non-empty and no two intervals overlap or touch ([0, 5) and [5, 9) become [0, 9)). Every
 * function accepts any list and returns a normal one, so results can be compared with `toEqual`.
 */

export interface Interval {
  start: number;
  end: number;
}

/**
 * Sorts and merges overlapping or adjacent intervals; drops empty ones. Throws a RangeError for
 * an interval that ends before it starts or has a non-finite bound (a bug upstream, not data).
 */
export function normalize(intervals: readonly Interval[]): Interval[] {
  for (const { start, end } of intervals) {
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
      throw new RangeError(`not an interval: [${start}, ${end})`);
    }
  }
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const { start, end } of sorted) {
    const last = merged.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}

/** Instants in a or in b. */
export function union(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return normalize([...a, ...b]);
}

/** Instants in both a and b. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const x = normalize(a);
  const y = normalize(b);
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i] as Interval;
    const q = y[j] as Interval;
    const start = Math.max(p.start, q.start);
    const end = Math.min(p.end, q.end);
    if (start < end) result.push({ start, end });
    // The interval that ends first cannot meet anything further in the other list.
    if (p.end <= q.end) i++;
    else j++;
  }
  return result;
}

/** Instants in a but not in b. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const holes = normalize(b);
  const result: Interval[] = [];
  let j = 0;
  for (const { start, end } of normalize(a)) {
    let cursor = start;
    // Holes that end before this interval cannot touch it nor any later one.
    while (j < holes.length && (holes[j] as Interval).end <= cursor) j++;
    for (let k = j; k < holes.length; k++) {
      const hole = holes[k] as Interval;
      if (hole.start >= end) break;
      if (hole.start > cursor) result.push({ start: cursor, end: hole.start });
      cursor = Math.max(cursor, hole.end);
    }
    if (cursor < end) result.push({ start: cursor, end });
  }
  return result;
}

/** The parts of the intervals inside range. */
export function clip(intervals: readonly Interval[], range: Interval): Interval[] {
  return intersect(intervals, [range]);
}

/** Total milliseconds covered, each instant counted once even when intervals overlap. */
export function totalLength(intervals: readonly Interval[]): number {
  return normalize(intervals).reduce((sum, { start, end }) => sum + end - start, 0);
}

/** Whether a normal list shares at least one instant with the interval (binary search). */
export function overlaps(normal: readonly Interval[], interval: Interval): boolean {
  let low = 0;
  let high = normal.length;
  // First interval whose end lies after interval.start.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((normal[middle] as Interval).end <= interval.start) low = middle + 1;
    else high = middle;
  }
  const candidate = normal[low];
  return candidate !== undefined && candidate.start < interval.end && interval.start < interval.end;
}

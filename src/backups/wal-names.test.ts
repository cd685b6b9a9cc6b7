import { describe, expect, it } from 'vitest';
import { segmentName, segnoOf } from './wal-names.js';

describe('WAL segment names (1 MB segments)', () => {
  it.each([
    ['0/0', '000000010000000000000000'],
    ['0/3000028', '000000010000000000000030'],
    ['0/FFFFFFFF', '000000010000000000000FFF'],
    ['1/0', '000000010000000100000000'],
    ['2/1A00000', '00000001000000020000001A'],
  ])('%s lies in %s', (lsn, name) => {
    expect(segmentName(segnoOf(lsn))).toBe(name);
  });

  it('names segments of later timelines', () => {
    expect(segmentName(0x30n, 2)).toBe('000000020000000000000030');
  });
});

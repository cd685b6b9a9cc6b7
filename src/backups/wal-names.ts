/**
 * WAL positions and file names. Every client instance is initialised with 1 MB WAL segments
 * (`initdb --wal-segsize=1`, see tenants/template.ts) so that a quiet client fills and archives
 * small files; the arithmetic below assumes that size.
 */

export const WAL_SEGMENT_BYTES = 1024n * 1024n;
const SEGMENTS_PER_LOG = 0x1_0000_0000n / WAL_SEGMENT_BYTES;

const hex = (value: bigint) => value.toString(16).toUpperCase().padStart(8, '0');

/** `16/B374D848` → its byte position. */
export function parseLsn(lsn: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn);
  if (!match?.[1] || !match[2]) throw new Error(`not a WAL location: ${lsn}`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

export interface SegmentInfo {
  timeline: number;
  segno: bigint;
  /** First byte position the file covers, and the one after its last. */
  from: bigint;
  to: bigint;
}

/**
 * What a WAL file covers, from its name (`TTTTTTTTXXXXXXXXYYYYYYYY`, optionally with a
 * `.partial` or `.NNNNNNNN.backup` suffix); undefined for timeline history files.
 */
export function segmentInfo(name: string): SegmentInfo | undefined {
  const match = /^([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})(\..*)?$/i.exec(name);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  const segno = BigInt(`0x${match[2]}`) * SEGMENTS_PER_LOG + BigInt(`0x${match[3]}`);
  const from = segno * WAL_SEGMENT_BYTES;
  return { timeline: Number.parseInt(match[1], 16), segno, from, to: from + WAL_SEGMENT_BYTES };
}

/** The file name of a segment number on a timeline. */
export function segmentName(segno: bigint, timeline = 1): string {
  return hex(BigInt(timeline)) + hex(segno / SEGMENTS_PER_LOG) + hex(segno % SEGMENTS_PER_LOG);
}

/** The segment number holding a position. */
export function segnoOf(lsn: string): bigint {
  return parseLsn(lsn) / WAL_SEGMENT_BYTES;
}

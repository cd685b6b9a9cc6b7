/** The largest file the API takes as an attachment. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** A file's size: "512 B", "12.3 kB", "4.5 MB" (decimal units). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${oneDecimal.format(bytes / 1000)} kB`;
  return `${oneDecimal.format(bytes / 1_000_000)} MB`;
}

import type { Delivery } from './delivery.entity';

/** Consecutive runs of rows whose bodies (at most 3 bytes a character, plus 1 KiB for the rest of the row) fit `maxBytes`. */
export function bySize(rows: Delivery[], maxBytes: number): Delivery[][] {
  const parts: Delivery[][] = [];
  let part: Delivery[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.requestBody.length * 3 + 1024;
    if (part.length && bytes + size > maxBytes) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(row);
    bytes += size;
  }
  if (part.length) parts.push(part);
  return parts;
}

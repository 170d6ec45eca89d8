import type { EntityManager } from 'typeorm';
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

/** The rows of a part an INSERT IGNORE stored (ids are fresh, so the ones found are this statement's). */
export async function storedOf(manager: EntityManager, part: Delivery[], inserted: number): Promise<Delivery[]> {
  if (inserted === part.length || !inserted) return inserted ? part : [];
  const found: { id: string }[] = await manager.query('SELECT `id` FROM `deliveries` WHERE `id` IN (?)', [part.map((r) => r.id)]);
  const ids = new Set(found.map((r) => r.id));
  return part.filter((r) => ids.has(r.id));
}

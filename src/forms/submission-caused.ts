import type { EntityManager } from 'typeorm';

/** What each submission caused, for a group of submissions in one statement (those that caused nothing keep their empty lists). */
export async function setCaused(m: EntityManager, rows: { id: string; deliveryIds: string[]; runIds: number[] }[]): Promise<void> {
  const some = rows.filter((r) => r.deliveryIds.length || r.runIds.length);
  if (!some.length) return;
  const cases = some.map(() => 'WHEN ? THEN ?').join(' ');
  await m.query(`UPDATE form_submissions SET deliveryIds = CASE id ${cases} END, runIds = CASE id ${cases} END WHERE id IN (?)`, [
    ...some.flatMap((r) => [r.id, JSON.stringify(r.deliveryIds)]),
    ...some.flatMap((r) => [r.id, JSON.stringify(r.runIds)]),
    some.map((r) => r.id),
  ]);
}

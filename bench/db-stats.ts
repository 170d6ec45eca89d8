/**
 * `--db-stats`: MariaDB's server counters (SHOW GLOBAL STATUS) before and after a run, printed per
 * message — statements by kind, handler calls (row reads/writes the engine was asked for) and
 * InnoDB's own row and log work. The bench's MariaDB is private, so everything counted is the run's
 * (plus the few statements the bench itself polls with).
 */
import { createConnection } from 'mysql2/promise';

const SHOWN = [
  'Questions',
  'Com_select',
  'Com_insert',
  'Com_update',
  'Com_delete',
  'Com_begin',
  'Com_commit',
  'Com_rollback',
  'Handler_read_key',
  'Handler_read_next',
  'Handler_read_rnd_next',
  'Handler_write',
  'Handler_update',
  'Handler_delete',
  'Innodb_rows_read',
  'Innodb_rows_inserted',
  'Innodb_rows_updated',
  'Innodb_buffer_pool_write_requests',
  'Innodb_os_log_written',
  'Innodb_data_written',
];

export type DbCounters = Record<string, number>;

export async function dbCounters(): Promise<DbCounters> {
  const db = await createConnection({ host: '127.0.0.1', port: Number(process.env.DB_PORT), user: 'root', database: process.env.DB_NAME });
  try {
    const [rows] = (await db.query('SHOW GLOBAL STATUS')) as unknown as [{ Variable_name: string; Value: string }[]];
    return Object.fromEntries(rows.filter((r) => SHOWN.includes(r.Variable_name)).map((r) => [r.Variable_name, Number(r.Value)]));
  } finally {
    await db.end();
  }
}

/** Lines of "name  per message  (total)". */
export function dbCountersReport(before: DbCounters, after: DbCounters, messages: number): string {
  return SHOWN.filter((k) => k in after)
    .map((k) => {
      const d = after[k] - (before[k] ?? 0);
      return `  ${k.padEnd(34)} ${(d / messages).toFixed(3).padStart(10)} per message  (${d})`;
    })
    .join('\n');
}

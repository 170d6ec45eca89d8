import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env';
import { connectionOptions } from './connection-options';
import { ensureDatabase } from './ensure-database';

/** `node dist/src/database/migrate.js`: create the database if missing and run pending migrations. */
async function main() {
  const env = loadEnv();
  await ensureDatabase(env);
  const ds = await new DataSource(connectionOptions(env)).initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    // One short line for a terminal: a fresh database runs every migration (their names are in src/database/migrations).
    const last = ran[ran.length - 1]?.name;
    console.log(ran.length ? `migrations applied: ${ran.length}${ran.length > 1 ? `, up to ${last}` : ` (${last})`}` : 'migrations: up to date');
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

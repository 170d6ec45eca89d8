import { createConnection } from 'mysql2/promise';
import type { Env } from '../config/env';

/** Creates the configured database if it does not exist (local runs and tests; production has its own). */
export async function ensureDatabase(env: Env): Promise<void> {
  const conn = await createConnection({
    host: env.DB_HOST,
    port: env.DB_PORT,
    user: env.DB_USER,
    password: env.DB_PASSWORD,
  });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${env.DB_NAME.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

export async function dropDatabase(env: Env): Promise<void> {
  const conn = await createConnection({
    host: env.DB_HOST,
    port: env.DB_PORT,
    user: env.DB_USER,
    password: env.DB_PASSWORD,
  });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${env.DB_NAME.replace(/`/g, '')}\``);
  } finally {
    await conn.end();
  }
}

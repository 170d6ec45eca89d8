import { join } from 'path';
import type { DataSourceOptions } from 'typeorm';
import type { Env } from '../config/env';

/**
 * How to reach the database and where its migrations are, without the entity list (that lives at the
 * composition root, src/data-source-options.ts). Enough for the entries that only run SQL: migrate, secrets:rotate.
 */
export function connectionOptions(env: Env): DataSourceOptions {
  return {
    // 'mariadb' locally/CI, 'mysql' for MySQL 8: with 'mysql' on MariaDB TypeORM re-creates json columns.
    type: env.DB_TYPE,
    host: env.DB_HOST,
    port: env.DB_PORT,
    username: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: env.DB_POOL_SIZE,
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    // Off: TypeORM's logger prints query parameters, which will include secrets. Failures reach the error filter.
    logging: false,
    // bigint counters come back as numbers; ids stay well below 2^53.
    supportBigNumbers: true,
    bigNumberStrings: false,
    // Off: mysql2 otherwise captures the caller's stack trace on every query (Error.captureStackTrace,
    // ~2% of a test send's CPU) only to splice it into a failing query's error.
    trace: false,
  };
}

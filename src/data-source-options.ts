import type { DataSourceOptions } from 'typeorm';
import type { Env } from './config/env';
import { connectionOptions } from './database/connection-options';
import { ENTITIES } from './entities';

/** One source of truth for the app, the migration CLI (ormconfig.ts) and tests: the connection plus every entity. */
export function dataSourceOptions(env: Env): DataSourceOptions {
  return { ...connectionOptions(env), entities: ENTITIES };
}

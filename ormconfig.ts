// Data source for the TypeORM CLI (npm run migration:*), built from the same validated env as the app.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from './src/config/env';
import { dataSourceOptions } from './src/data-source-options';

export default new DataSource(dataSourceOptions(loadEnv()));

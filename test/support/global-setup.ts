import { createConnection } from 'mysql2/promise';

/** Fails fast with the fix when the services are not there (run through `npm test`, which starts them). */
export default async function globalSetup(): Promise<void> {
  const port = Number(process.env.DB_PORT ?? 3307);
  try {
    const conn = await createConnection({ host: process.env.DB_HOST ?? '127.0.0.1', port, user: process.env.DB_USER ?? 'root' });
    await conn.end();
  } catch (error) {
    throw new Error(`MariaDB is not reachable on port ${port} (${(error as Error).message}). Run the tests with \`npm test\`.`, { cause: error });
  }
}

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadEnv } from '../config/env';
import { connectionOptions } from '../database/connection-options';
import { SEALED_COLUMNS } from './sealed-columns';
import { SecretBox } from './secret-box';
import { requireSecretBox } from './secrets.module';

const PAGE = 500;

export interface RotationReport {
  resealed: number;
  current: number;
}

const q = (name: string) => `\`${name.replace(/`/g, '')}\``;

/**
 * Re-seals every sealed value (and seals any plaintext one left from before encryption) under the
 * box's current key. Each row is updated only if it still holds what was read, so a secret the
 * app changes meanwhile (sealed with the current key anyway) is left alone. Safe to run again.
 */
export async function rotateSecrets(db: DataSource, box: SecretBox): Promise<RotationReport> {
  const report: RotationReport = { resealed: 0, current: 0 };
  for (const { table, id, columns } of SEALED_COLUMNS) {
    let after = 0;
    for (;;) {
      const rows: Record<string, string | number | null>[] = await db.query(
        `SELECT ${[id, ...columns].map(q).join(', ')} FROM ${q(table)} WHERE ${q(id)} > ? AND (${columns.map((c) => `${q(c)} IS NOT NULL`).join(' OR ')}) ` +
          `ORDER BY ${q(id)} LIMIT ?`,
        [after, PAGE],
      );
      for (const row of rows) {
        const stale = columns.filter((c) => row[c] !== null && !box.isCurrent(String(row[c])));
        report.current += columns.filter((c) => row[c] !== null).length - stale.length;
        if (!stale.length) continue;
        const result = await db.query(
          `UPDATE ${q(table)} SET ${stale.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${q(id)} = ? AND ${stale.map((c) => `${q(c)} = ?`).join(' AND ')}`,
          [...stale.map((c) => box.seal(box.reveal(String(row[c])))), row[id], ...stale.map((c) => row[c])],
        );
        if (result.affectedRows) report.resealed += stale.length;
      }
      if (rows.length < PAGE) break;
      after = Number(rows[rows.length - 1][id]);
    }
  }
  return report;
}

/** `npm run secrets:rotate` (node dist/src/secrets/rotate-secrets.js): SECRETS_KEY seals, SECRETS_KEY_PREVIOUS still opens. */
async function main(): Promise<void> {
  const env = loadEnv();
  const box = requireSecretBox(env);
  const db = await new DataSource(connectionOptions(env)).initialize();
  try {
    const report = await rotateSecrets(db, box);
    console.log(`secrets:rotate: ${report.resealed} value(s) re-sealed under key ${box.currentKeyId}; ${report.current} already under it`);
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof ConfigError ? error.message : (error as Error).message);
    process.exit(1);
  });
}

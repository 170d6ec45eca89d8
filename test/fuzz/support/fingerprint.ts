/**
 * A cheap fingerprint of everything the database holds: one query giving, for every table, its
 * row count, its largest id and the latest of its "changed" timestamps. A rejected request must
 * leave it exactly as it was.
 */
import type { Deployment } from './deployment';

/** Columns that move when a row is changed (not when it is merely read). */
const CHANGE_COLUMNS = ['updatedAt', 'deletedAt', 'revokedAt', 'redeemedAt', 'lastLoginAt', 'relayedAt', 'finishedAt', 'cancelledAt', 'startedAt'];

export type Fingerprint = Record<string, string>;

export class Fingerprinter {
  private constructor(
    private readonly deployment: Deployment,
    private readonly query: string,
  ) {}

  /** With `tenantId`: only that tenant's rows (tables with a tenantId column, and its own tenants row). */
  static async create(deployment: Deployment, tenantId?: number): Promise<Fingerprinter> {
    const columns = await deployment.sql<{ t: string; c: string }>(
      'SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION',
    );
    const byTable = new Map<string, string[]>();
    for (const { t, c } of columns) byTable.set(t, [...(byTable.get(t) ?? []), c]);
    const parts = [...byTable]
      .map(([table, cols]) => {
        const extra = [cols.includes('id') ? 'MAX(`id`)' : null, ...CHANGE_COLUMNS.filter((c) => cols.includes(c)).map((c) => `MAX(\`${c}\`)`)].filter(Boolean);
        const where =
          tenantId === undefined
            ? ''
            : cols.includes('tenantId')
              ? ` WHERE tenantId = ${Number(tenantId)}`
              : table === 'tenants'
                ? ` WHERE id = ${Number(tenantId)}`
                : null;
        if (where === null) return null;
        return `SELECT '${table}' AS t, CONCAT_WS('|', COUNT(*), ${extra.length ? extra.join(', ') : "''"}) AS v FROM \`${table}\`${where}`;
      })
      .filter(Boolean);
    if (!parts.length) throw new Error('no tables to fingerprint');
    return new Fingerprinter(deployment, parts.join(' UNION ALL '));
  }

  async take(): Promise<Fingerprint> {
    const rows = await this.deployment.sql<{ t: string; v: string }>(this.query);
    return Object.fromEntries(rows.map((r) => [r.t, String(r.v)]));
  }
}

/** The tables whose fingerprint differs, with before → after. */
export function changes(before: Fingerprint, after: Fingerprint, ignore: string[] = []): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => !ignore.includes(t) && before[t] !== after[t])
    .map((t) => `${t}: ${before[t]} → ${after[t]}`);
}

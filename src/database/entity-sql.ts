import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * A multi-row INSERT built directly from entity metadata. The query builder spends ~10 % of a
 * mass send's worker CPU building and re-parsing parameter names for thousands of values; this
 * writes the same SQL with positional `?` placeholders and converts each value exactly as the
 * builder would (driver.preparePersistentValue: JSON, dates, booleans).
 * Every given row must carry every column it wants stored; undefined columns are left out only
 * if they are undefined in the first row (defaults then apply to all rows).
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
  options: { ignore?: boolean } = {},
): Promise<{ affectedRows: number; insertId: number }> {
  if (!rows.length) return { affectedRows: 0, insertId: 0 };
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns: ColumnMetadata[] = metadata.columns.filter((c) => rows[0][c.propertyName as keyof T] !== undefined);
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const params: unknown[] = [];
  for (const row of rows) {
    for (const c of columns) params.push(driver.preparePersistentValue(row[c.propertyName as keyof T] ?? null, c));
  }
  const sql =
    `INSERT ${options.ignore ? 'IGNORE ' : ''}INTO ${driver.escape(metadata.tableName)} ` +
    `(${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`;
  const result = await manager.query(sql, params);
  // insertId: the first auto-increment id of the statement (the rows got consecutive ids).
  return { affectedRows: Number(result?.affectedRows ?? 0), insertId: Number(result?.insertId ?? 0) };
}

/**
 * Entities from a raw `SELECT *`: each column converted as TypeORM's find would
 * (driver.prepareHydratedValue), without its per-row transformer machinery.
 */
export function hydrate<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, raw: Record<string, unknown>[]): T[] {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  return raw.map((r) => {
    const entity = metadata.create() as T;
    for (const c of metadata.columns) (entity as Record<string, unknown>)[c.propertyName] = driver.prepareHydratedValue(r[c.databaseName], c);
    return entity;
  });
}

/**
 * `SELECT * FROM <the entity's table> WHERE <where>` (and what follows it: ORDER BY…), hydrated as
 * find would: for hot reads of a few rows, where building a find() costs more than the query.
 * Every column is read, `select: false` ones too.
 */
export async function selectEntities<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, where: string, params: unknown[]): Promise<T[]> {
  const table = manager.connection.driver.escape(manager.connection.getMetadata(target).tableName);
  return hydrate(manager, target, await manager.query(`SELECT * FROM ${table} WHERE ${where}`, params));
}

import { parse } from 'csv-parse/sync';

export const CSV_COLUMNS = ['name', 'wechatNickname', 'mobile', 'email', 'activityScore'] as const;
const ATTRIBUTE_COLUMN = /^attributes\.([A-Za-z0-9_\-]{1,64})$/;

export class CsvFormatError extends Error {}

/**
 * CSV → plain rows shaped like the JSON import. Header names are the customer fields plus
 * `attributes.<key>` columns. Empty cells are left out (they never clear a stored value).
 */
export function parseCustomersCsv(text: string): Record<string, unknown>[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    throw new CsvFormatError(`CSV is malformed: ${(error as Error).message}`);
  }
  if (!records.length) throw new CsvFormatError('CSV is empty: the first line must name the columns');
  const [header, ...rows] = records;
  for (const column of header) {
    if (!(CSV_COLUMNS as readonly string[]).includes(column) && !ATTRIBUTE_COLUMN.test(column)) {
      throw new CsvFormatError(
        `CSV column "${column}" is unknown: use ${CSV_COLUMNS.join(', ')} or attributes.<key>`,
      );
    }
  }
  return rows.map((cells) => {
    const row: Record<string, unknown> = {};
    header.forEach((column, i) => {
      const cell = cells[i];
      if (cell === undefined || cell === '') return;
      const attr = ATTRIBUTE_COLUMN.exec(column);
      if (attr) {
        row.attributes = { ...(row.attributes as object), [attr[1]]: csvScalar(cell) };
      } else if (column === 'activityScore') {
        row[column] = /^-?\d+$/.test(cell) ? Number(cell) : cell;
      } else {
        row[column] = cell;
      }
    });
    return row;
  });
}

/** Numbers and booleans become typed so rules like `attributes.age >= 30` work; "007" stays text. */
export function csvScalar(cell: string): string | number | boolean {
  if (cell === 'true') return true;
  if (cell === 'false') return false;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(cell)) return Number(cell);
  return cell;
}

import { parse } from 'csv-parse/sync';
import type { ErrorParams } from '../common/api-error';
import type { ErrorCode } from '../common/error-codes';

export const CSV_COLUMNS = ['name', 'wechatNickname', 'mobile', 'email', 'activityScore', 'unsubscribed'] as const;
/** An `unsubscribed` cell: yes/no in the words a Chinese spreadsheet uses too; anything else is left for the row's check to refuse. */
const YES = new Set(['true', '1', 'yes', 'y', '是', '已退订']);
const NO = new Set(['false', '0', 'no', 'n', '否', '未退订']);
const ATTRIBUTE_COLUMN = /^attributes\.([A-Za-z0-9_-]{1,64})$/;

/** Why a CSV body cannot be read: a code and params for the answer, beside the English message. */
export class CsvFormatError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params?: ErrorParams,
  ) {
    super(message);
  }
}

/**
 * CSV → plain rows shaped like the JSON import. Header names are the customer fields plus
 * `attributes.<key>` columns. Empty cells are left out (they never clear a stored value).
 */
export function parseCustomersCsv(text: string): Record<string, unknown>[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    const reason = (error as Error).message;
    throw new CsvFormatError('csv_malformed', `CSV is malformed: ${reason}`, { reason: reason.slice(0, 300) });
  }
  if (!records.length) throw new CsvFormatError('csv_empty', 'CSV is empty: the first line must name the columns');
  const [header, ...rows] = records;
  for (const column of header) {
    if (!(CSV_COLUMNS as readonly string[]).includes(column) && !ATTRIBUTE_COLUMN.test(column)) {
      throw new CsvFormatError('csv_unknown_column', `CSV column "${column}" is unknown: use ${CSV_COLUMNS.join(', ')} or attributes.<key>`, {
        column: column.slice(0, 100),
        columns: [...CSV_COLUMNS],
      });
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
      } else if (column === 'unsubscribed') {
        const word = cell.toLowerCase();
        row[column] = YES.has(word) ? true : NO.has(word) ? false : cell;
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

import { BadRequestException } from '@nestjs/common';
import type { Request } from 'express';
import { apiError } from '../common/api-error';
import { fieldError } from '../common/validation';
import { CsvFormatError, parseCustomersCsv } from './customer-csv';
import { MAX_IMPORT_ROWS } from './customer-import.service';

/** The import accepts a JSON array or CSV text (its own body parsers are set up in app.setup.ts). */
export function importRowsFromRequest(req: Request): unknown[] {
  let rows: unknown;
  if (req.is('text/csv') || req.is('text/plain')) {
    if (typeof req.body !== 'string') throw apiError(400, 'csv_empty', 'CSV body is empty');
    try {
      rows = parseCustomersCsv(req.body);
    } catch (error) {
      if (error instanceof CsvFormatError) throw apiError(400, error.code, error.message, error.params);
      throw error;
    }
  } else if (req.is('application/json')) {
    rows = req.body;
  } else {
    // The unread-body middleware answers 415 for other types before this runs; kept for a direct call.
    throw new BadRequestException('Send a JSON array (application/json) or CSV (text/csv)');
  }
  if (!Array.isArray(rows)) throw fieldError('body', 'must be a JSON array of customers', 'is_array');
  if (rows.length === 0) throw fieldError('body', 'must contain at least one customer', 'array_min_size', { min: 1 });
  if (rows.length > MAX_IMPORT_ROWS) throw fieldError('body', `must contain at most ${MAX_IMPORT_ROWS} customers`, 'array_max_size', { max: MAX_IMPORT_ROWS });
  return rows;
}

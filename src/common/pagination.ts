import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Ids are 32-bit signed integers (INT columns). */
export const MAX_ID = 2_147_483_647;

/** Keyset pagination: `?limit=50&after=<cursor>`; answers `{ items, nextCursor }`. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 50, description: 'Items per page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 50;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Builds a page from `limit + 1` fetched rows, so "is there more" costs no extra query. The cursor
 * is the last item's id (numeric or a UUIDv7 string), or what `cursorOf` reads from it.
 */
export function toPage<T extends { id: number | string }>(rows: T[], limit: number): Page<T>;
export function toPage<T>(rows: T[], limit: number, cursorOf: (last: T) => number | string): Page<T>;
export function toPage<T>(rows: T[], limit: number, cursorOf = (last: T) => (last as { id: number | string }).id): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(cursorOf(items[items.length - 1])) : null };
}

/** A page's items turned into their views, the cursor kept. */
export function mapPage<T, V>(page: Page<T>, view: (item: T) => V): Page<V> {
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

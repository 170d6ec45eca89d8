import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * A keyset page of `Model`: `{items, nextCursor}` (pass nextCursor as `after` for the next page;
 * null on the last). Named `${Model}Page` in the document.
 */
export function PageOf<T>(model: Type<T>) {
  class Page {
    @ApiProperty({ type: [model] })
    items!: T[];

    @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page.' })
    nextCursor!: string | null;
  }
  Object.defineProperty(Page, 'name', { value: `${model.name.replace(/Dto$|Response$/, '')}Page` });
  return Page;
}

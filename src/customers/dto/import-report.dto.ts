import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import type { FieldErrors } from '../../common/validation';
import { FieldProblemDto } from '../../openapi/error-response.dto';
import { CustomerFieldsDto } from './customer-fields.dto';

/** One row of a JSON import: the customer fields; a row matches an existing customer by mobile, else by email. */
export class ImportCustomerRow extends CustomerFieldsDto {
  /** true opts the customer out of marketing messages (via `import`), false back in; absent leaves it as it is. */
  @IsOptional()
  @IsBoolean({ message: 'unsubscribed must be true or false' })
  unsubscribed?: boolean;
}

export class ImportRowErrorView {
  /** 1-based position of the row in the array (for CSV: the data row, the header not counted). */
  row!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Field → English messages: the same problems as `problems`.',
  })
  fields!: FieldErrors;
  @ApiProperty({ type: [FieldProblemDto], description: 'One entry per broken rule of the row, with a code and params.' })
  problems!: FieldProblemDto[];
}

/** What an import did: good rows are written, bad ones reported and skipped. */
export class ImportReportView {
  /** Rows in the request. */
  total!: number;
  created!: number;
  updated!: number;
  failed!: number;
  errors!: ImportRowErrorView[];
}

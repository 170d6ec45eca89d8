import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorBody, ErrorParams, FieldProblem } from '../common/api-error';
import { ERROR_CODES, ErrorCode, FIELD_CODES, FieldCode } from '../common/error-codes';

const PARAMS = {
  type: 'object',
  additionalProperties: true,
  description: 'The values the message was made from (`{id: 4}`, `{max: 100}`), for a client that words it itself.',
} as const;

export class FieldProblemDto implements FieldProblem {
  @ApiProperty({ description: 'Dotted path of the bad part of the request: `url`, `basicAuth.username`, `nodes[3].next`.', example: 'fields[2].options' })
  path!: string;

  @ApiProperty({
    enum: Object.keys(FIELD_CODES),
    enumName: 'FieldProblemCode',
    description: 'What is wrong, stable and machine-read (docs/error-codes.md).',
    example: 'max_length',
  })
  code!: FieldCode;

  @ApiPropertyOptional(PARAMS)
  params?: ErrorParams;

  @ApiProperty({ description: 'The same in English, for logs.', example: 'name must be shorter than or equal to 100 characters' })
  message!: string;
}

/** Every error answer of the API (and of /hooks and /f when they answer JSON). */
export class ErrorResponseDto implements ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ description: 'The HTTP reason phrase.', example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    enum: Object.keys(ERROR_CODES),
    enumName: 'ErrorCode',
    description: 'Stable, machine-read error code (docs/error-codes.md).',
    example: 'validation_failed',
  })
  code!: ErrorCode;

  @ApiProperty({ description: 'English, for people reading logs; clients show their own text from `code`.', example: 'Invalid input: name must be a string' })
  message!: string;

  @ApiPropertyOptional(PARAMS)
  params?: ErrorParams;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Path → English messages: the same problems as `problems`, kept for clients that read it.',
  })
  fields?: Record<string, string[]>;

  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'One entry per broken rule, at the path it names (400 validation_failed).' })
  problems?: FieldProblemDto[];
}

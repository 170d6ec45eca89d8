import { ApiPropertyOptional } from '@nestjs/swagger';
import { BODY_TEMPLATE_SCHEMA } from './webhook-fields.dto';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * A preview may render an unsaved template (the console's editor), checked like a saved one; for
 * a customer, or a sample customer when none is given. A template given as JSON text gets the line
 * of each of its problems (`params.line`).
 */
export class PreviewDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  customerId?: number;

  @ApiPropertyOptional(BODY_TEMPLATE_SCHEMA)
  @IsOptional()
  bodyTemplate?: unknown;
}

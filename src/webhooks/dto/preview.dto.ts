import { ApiPropertyOptional } from '@nestjs/swagger';
import { BODY_TEMPLATE_SCHEMA } from './webhook-fields.dto';
import { IsOptional } from 'class-validator';
import { CustomerRefDto } from './customer-ref.dto';

/** A preview may render an unsaved template (the console's editor), checked like a saved one. */
export class PreviewDto extends CustomerRefDto {
  @ApiPropertyOptional(BODY_TEMPLATE_SCHEMA)
  @IsOptional()
  bodyTemplate?: unknown;
}

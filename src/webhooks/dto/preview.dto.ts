import { IsOptional } from 'class-validator';
import { CustomerRefDto } from './customer-ref.dto';

/** A preview may render an unsaved template (the console's editor), checked like a saved one. */
export class PreviewDto extends CustomerRefDto {
  @IsOptional()
  bodyTemplate?: unknown;
}

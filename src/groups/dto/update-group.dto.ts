import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Omittable } from '../../common/validation';
import { SEGMENT_RULE_SCHEMA } from './segment-rule.dto';

/** A group's type cannot change: create another group instead. */
export class UpdateGroupDto {
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ ...SEGMENT_RULE_SCHEMA, description: 'Dynamic groups only: the new rule, checked by validateRule (segment-rule.ts).' })
  @IsOptional()
  rule?: unknown;
}

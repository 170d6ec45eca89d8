import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { GROUP_TYPES, GroupType } from '../group.entity';
import { NULLABLE_SEGMENT_RULE_SCHEMA } from './segment-rule.dto';

export class CreateGroupDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @IsIn(GROUP_TYPES)
  type: GroupType;

  @ApiPropertyOptional({
    ...NULLABLE_SEGMENT_RULE_SCHEMA,
    description: 'Required for dynamic groups, refused for static ones; checked by validateRule (segment-rule.ts).',
  })
  @IsOptional()
  rule?: unknown;
}

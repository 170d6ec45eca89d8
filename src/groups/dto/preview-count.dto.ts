import { ApiProperty } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';
import { SEGMENT_RULE_SCHEMA } from './segment-rule.dto';

export class PreviewCountDto {
  @ApiProperty({ ...SEGMENT_RULE_SCHEMA, description: 'A dynamic rule, checked by validateRule (problems name the part: rule.and[1].op).' })
  @IsDefined()
  rule: unknown;
}

export class PreviewCountView {
  /** Live customers the rule matches now. */
  count!: number;
}

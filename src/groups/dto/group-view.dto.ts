import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../openapi/page.dto';
import type { GroupType } from '../group.entity';
import type { Rule } from '../segment-rule';
import { NULLABLE_SEGMENT_RULE_SCHEMA } from './segment-rule.dto';

/**
 * A dynamic group's rule, or null. An alias, so the swagger plugin does not add `nullable` beside
 * the schema's oneOf (redocly refuses `nullable` without `type`); the null is a oneOf branch.
 */
type RuleOrNull = Rule | null;

/** A group as lists show it. */
export class GroupView {
  id!: number;
  tenantId!: number;
  name!: string;
  description!: string | null;
  type!: GroupType;
  @ApiProperty({ ...NULLABLE_SEGMENT_RULE_SCHEMA, description: 'The rule of a dynamic group; null for a static one.' })
  rule!: RuleOrNull;
  createdAt!: Date;
  updatedAt!: Date;
}

/** One group, with how many live customers it has now. */
export class GroupDetailView extends GroupView {
  /** Members of a static group, or the rule's matches, counted now. */
  memberCount!: number;
}

export class GroupPage extends PageOf(GroupView) {}

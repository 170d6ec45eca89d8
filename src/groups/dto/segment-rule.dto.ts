import { ApiProperty, ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';
import { RULE_OPERATORS, RuleOperator, Scalar } from '../segment-rule';

/**
 * A segment rule's shape in the document (segment-rule.ts checks it): a condition, or an and/or
 * list of rules, nested. By name, as the classes are declared in turn and refer to each other.
 */
export const SEGMENT_RULE_SCHEMA = {
  oneOf: [{ $ref: getSchemaPath('SegmentRuleCondition') }, { $ref: getSchemaPath('SegmentRuleAnd') }, { $ref: getSchemaPath('SegmentRuleOr') }],
};

/**
 * The same, or null. OpenAPI 3.0 has no null type and wants a `type` beside `nullable`, which Nest
 * drops beside oneOf: null is a branch of its own, the usual 3.0 spelling of "only null".
 */
export const NULLABLE_SEGMENT_RULE_SCHEMA = {
  oneOf: [...SEGMENT_RULE_SCHEMA.oneOf, { type: 'object', nullable: true, enum: [null] }],
} as ApiPropertyOptions;

const SCALAR = [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }];

/** One condition on a customer field. */
export class SegmentRuleCondition {
  @ApiProperty({
    description: 'A customer column (id, activityScore, name, wechatNickname, mobile, email, createdAt, updatedAt) or attributes.<key>[.<key>…] (up to 5 keys)',
    example: 'attributes.city',
  })
  field!: string;

  @ApiProperty({
    enum: RULE_OPERATORS,
    enumName: 'SegmentRuleOperator',
    description: 'Which operators a field takes depends on its kind (numbers, text, dates, attributes).',
  })
  op!: RuleOperator;

  @ApiProperty({
    oneOf: [...SCALAR, { type: 'array', items: { oneOf: SCALAR }, minItems: 1, maxItems: 1000 }],
    description: 'A number, string or boolean; an array for `in`; true or false for `exists`; an ISO-8601 date-time for dates.',
    example: 'Shanghai',
  })
  value!: Scalar | Scalar[];
}

/** Matches when every rule in the list does. */
export class SegmentRuleAnd {
  @ApiProperty({ type: 'array', items: SEGMENT_RULE_SCHEMA, minItems: 1 })
  and!: unknown[];
}

/** Matches when any rule in the list does. */
export class SegmentRuleOr {
  @ApiProperty({ type: 'array', items: SEGMENT_RULE_SCHEMA, minItems: 1 })
  or!: unknown[];
}

/** The classes the rule schema names: every controller whose document shows a rule lists them in @ApiExtraModels. */
export const SEGMENT_RULE_MODELS = [SegmentRuleCondition, SegmentRuleAnd, SegmentRuleOr];

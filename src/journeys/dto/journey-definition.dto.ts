/**
 * The document's view of a journey definition (journey-definition.ts has the types and the checks):
 * the trigger and each node are `oneOf` by `type`. Used by requests and answers alike.
 */
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { FIXED_EVENTS } from '../../outbox/event-catalog';
import { SEGMENT_RULE_MODELS, SEGMENT_RULE_SCHEMA } from '../../groups/dto/segment-rule.dto';
import { RULE_OPERATORS } from '../../groups/segment-rule';
import { JOURNEY_LIMITS, NODE_TYPES, SETTABLE_FIELDS, TRIGGER_TYPES } from '../journey-definition';
import { SPLIT_LIMITS } from '../nodes/split';

const ID = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const;
const NODE_LINK = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' } as const;
/** A link to another node (next, then, else): null, like leaving it out, ends the run there. */
const LINK = { ...NODE_LINK, nullable: true } as const;
const SCALAR = { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] };

/** A condition node's rule: a group rule's shape, over the run's fields. */
const RULE = {
  ...SEGMENT_RULE_SCHEMA,
  description:
    'A rule as group rules are: {field, op, value}, or {and: [rules]} / {or: [rules]}. Its fields: customer.<field> ' +
    '(customer.activityScore, customer.attributes.city), trigger.<path>, nodes.<webhook node id>.response.<path>.',
};

/** Starts a run for the customer of each fixed event of this name. */
export class JourneyEventTrigger {
  @ApiProperty({ enum: ['event'] })
  type!: 'event';

  @ApiProperty({ enum: FIXED_EVENTS })
  event!: string;
}

/** Starts a run when a customer's field crosses into the condition (not while it stays inside). */
export class JourneyAttributeThresholdTrigger {
  @ApiProperty({ enum: ['attribute_threshold'] })
  type!: 'attribute_threshold';

  @ApiProperty({ description: 'activityScore, name, wechatNickname, mobile, email or attributes.<key>[.<key>…]', example: 'activityScore' })
  field!: string;

  @ApiProperty({ enum: RULE_OPERATORS })
  op!: string;

  @ApiProperty({ oneOf: [...SCALAR.oneOf, { type: 'array', items: SCALAR }], description: 'A list for `in`; true or false for `exists`.', example: 500 })
  value!: unknown;
}

/** Enters each member of a static or dynamic group (the members at activation, then new ones). */
export class JourneyGroupEntryTrigger {
  @ApiProperty({ enum: ['group_entry'] })
  type!: 'group_entry';

  @ApiProperty(ID)
  groupId!: number;
}

/** Starts a run for each accepted submission of the form. */
export class JourneyFormSubmittedTrigger {
  @ApiProperty({ enum: ['form_submitted'] })
  type!: 'form_submitted';

  @ApiProperty(ID)
  formId!: number;
}

/** Started by an inbound trigger's requests (/hooks/<key>). */
export class JourneyInboundTrigger {
  @ApiProperty({ enum: ['inbound'] })
  type!: 'inbound';

  @ApiPropertyOptional({ ...ID, description: 'The inbound trigger that starts it; when left out, any inbound trigger naming this journey does.' })
  inboundTriggerId?: number;
}

export class NodePosition {
  x!: number;
  y!: number;
}

/** What every node has. */
export class JourneyNodeBase {
  @ApiProperty({ ...NODE_LINK, description: 'Unique in the journey; templates read nodes.<id>.' })
  id!: string;

  @ApiPropertyOptional({ maxLength: JOURNEY_LIMITS.label, description: 'Shown on the canvas; free text.' })
  label?: string;

  /** Where the console draws it. */
  position?: NodePosition;
}

/** Calls a manual webhook with the run's customer and context; later nodes read `nodes.<id>.response`. */
export class JourneyWebhookNode extends JourneyNodeBase {
  @ApiProperty({ enum: ['webhook'] })
  type!: 'webhook';

  @ApiProperty(ID)
  webhookId!: number;

  @ApiPropertyOptional({ enum: ['continue', 'stop'], default: 'stop', description: 'When the message fails: stop the run (failed) or go on.' })
  onFailure?: 'continue' | 'stop';

  @ApiPropertyOptional({ ...LINK, description: 'The next node; none (or null) ends the run.' })
  next?: string;
}

/** Waits a number of seconds, or until a moment. */
export class JourneyWaitNode extends JourneyNodeBase {
  @ApiProperty({ enum: ['wait'] })
  type!: 'wait';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: JOURNEY_LIMITS.waitSeconds, description: 'Exactly one of seconds or until.' })
  seconds?: number;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'ISO-8601 with a time zone; exactly one of seconds or until.' })
  until?: string;

  @ApiPropertyOptional(LINK)
  next?: string;
}

/** Goes to `then` when the rule holds, `else` otherwise (a missing branch ends the run). */
export class JourneyConditionNode extends JourneyNodeBase {
  @ApiProperty({ enum: ['condition'] })
  type!: 'condition';

  @ApiProperty(RULE)
  rule!: object;

  @ApiPropertyOptional(LINK)
  then?: string;

  @ApiPropertyOptional(LINK)
  else?: string;
}

/** One way out of a split node. */
export class JourneySplitBranch {
  @ApiProperty({ minLength: 1, maxLength: SPLIT_LIMITS.label, description: 'What the marketer calls it (A, 对照组, 方案A); unique in the node.', example: 'A' })
  label!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    description: "Whole percent of the runs that take it; the node's add up to 100 (a 0 % branch is never taken).",
  })
  percent!: number;

  @ApiProperty({ ...NODE_LINK, description: 'The node this branch leads to (an end node to stop there).' })
  next!: string;
}

/**
 * Sends each run down one branch by percentage (an A/B test): the run's bucket (sha256 of runId:nodeId, mod 100)
 * falls in one branch's share of 0–99, so the same run always takes the same branch. The step's detail names it:
 * {branch, label, percent, bucket}.
 */
export class JourneySplitNode extends JourneyNodeBase {
  @ApiProperty({ enum: ['split'] })
  type!: 'split';

  @ApiProperty({ type: [JourneySplitBranch], minItems: SPLIT_LIMITS.minBranches, maxItems: SPLIT_LIMITS.maxBranches })
  branches!: JourneySplitBranch[];
}

/** Changes the customer: fields and attributes, activity score, static group membership. At least one. */
export class JourneyUpdateCustomerNode extends JourneyNodeBase {
  @ApiProperty({ enum: ['update_customer'] })
  type!: 'update_customer';

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: `Field → value: ${SETTABLE_FIELDS.join(', ')} (text or null) or attributes.<key>[.<key>…] (any JSON); string values may be templates.`,
    example: { 'attributes.crmId': '{{ nodes.crm.response.body.id }}' },
  })
  set?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'integer', minimum: -1_000_000_000, maximum: 1_000_000_000 })
  activityDelta?: number;

  @ApiPropertyOptional({ ...ID, description: 'A static group.' })
  addToGroupId?: number;

  @ApiPropertyOptional({ ...ID, description: 'A static group.' })
  removeFromGroupId?: number;

  @ApiPropertyOptional(LINK)
  next?: string;
}

/** Ends the run. */
export class JourneyEndNode extends JourneyNodeBase {
  @ApiProperty({ enum: ['end'] })
  type!: 'end';
}

export const TRIGGER_MODELS = [
  JourneyEventTrigger,
  JourneyAttributeThresholdTrigger,
  JourneyGroupEntryTrigger,
  JourneyFormSubmittedTrigger,
  JourneyInboundTrigger,
];
export const NODE_MODELS = [JourneyWebhookNode, JourneyWaitNode, JourneyConditionNode, JourneySplitNode, JourneyUpdateCustomerNode, JourneyEndNode];
/** Every model the `oneOf`s name (the group rule's too): the controllers list them in @ApiExtraModels. */
export const DEFINITION_MODELS = [...TRIGGER_MODELS, ...NODE_MODELS, ...SEGMENT_RULE_MODELS];

/** Models in the same order as their `type` values. */
function byType(models: { name: string }[], values: readonly string[]) {
  return {
    oneOf: models.map((m) => ({ $ref: getSchemaPath(m.name) })),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(values.map((v, i) => [v, getSchemaPath(models[i].name)])) },
  };
}

/** `@ApiProperty` options of a trigger: one of the trigger models, by `type`. */
export const TRIGGER_SCHEMA = { ...byType(TRIGGER_MODELS, TRIGGER_TYPES), description: 'What starts a run: one of the trigger types, by `type`.' };
/** `@ApiProperty` options of the node list: each one of the node models, by `type`. */
export const NODES_SCHEMA = {
  type: 'array',
  minItems: 1,
  maxItems: JOURNEY_LIMITS.nodes,
  items: byType(NODE_MODELS, NODE_TYPES),
  description: 'The graph: nodes linked by next / then / else / branches[].next; each one of the node types, by `type`.',
} as const;

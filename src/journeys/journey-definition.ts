/**
 * A journey (自动流程) as the API accepts it and the console edits it: a trigger, a start node and
 * a graph of nodes linked by `next` / `then` / `else`. Pure: validation returns problems at the
 * path of the bad part (`nodes[3].next`), each with a code and params the console words in its own
 * language; each node type checks its own fields (nodes/<type>.ts); checks that need the database
 * (webhooks, groups, forms) are the service's.
 */
import type { FieldProblem } from '../common/api-error';
import { fieldErrorsOf } from '../common/field-problems';
import { FIXED_EVENTS } from '../outbox/event-catalog';
import { RuleOperator, Scalar, validateRule } from '../groups/segment-rule';
import { ID_RANGE, idCode, isId, isObject, JOURNEY_LIMITS, NODE_ID, problemCollector } from './definition-checks';
import type { AddProblem } from './definition-checks';
import { graphErrors } from './journey-graph';
import { THRESHOLD_FIELD_HINT, thresholdFieldKind } from './journey-fields';
import { JourneyNode, linkEntries, NODE_TYPES, nodeType } from './nodes';

export { JOURNEY_LIMITS, NODE_ID, problemCollector, type AddProblem } from './definition-checks';
export { NODE_TYPES, successor, type JourneyNode } from './nodes';
export type { ConditionNode, EndNode, SplitNode, UpdateCustomerNode, WaitNode, WebhookNode } from './nodes';
export { SETTABLE_FIELDS } from './nodes/update-customer';

export const TRIGGER_TYPES = ['event', 'attribute_threshold', 'group_entry', 'form_submitted', 'inbound'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];
export const REENTRY = ['once', 'always'] as const;
export type Reentry = (typeof REENTRY)[number];

export type JourneyTrigger =
  | { type: 'event'; event: string }
  | { type: 'attribute_threshold'; field: string; op: RuleOperator; value: Scalar | Scalar[] }
  | { type: 'group_entry'; groupId: number }
  | { type: 'form_submitted'; formId: number }
  /** inboundTriggerId, when given, says which inbound trigger starts it (an inbound trigger names the journey it starts). */
  | { type: 'inbound'; inboundTriggerId?: number };

export interface JourneyDefinition {
  trigger: JourneyTrigger;
  start: string;
  nodes: JourneyNode[];
}

export type DefinitionErrors = Record<string, string[]>;

const TRIGGER_KEYS: Record<string, string[]> = {
  event: ['event'],
  attribute_threshold: ['field', 'op', 'value'],
  group_entry: ['groupId'],
  form_submitted: ['formId'],
  inbound: ['inboundTriggerId'],
};

/** Every structural problem of a definition, as `{path: messages}`; empty when it is sound. */
export function validateDefinition(input: unknown): DefinitionErrors {
  return fieldErrorsOf(definitionProblems(input));
}

/** Every structural problem of a definition, each with its path, code and params; empty when it is sound. */
export function definitionProblems(input: unknown): FieldProblem[] {
  const { problems, add } = problemCollector();
  if (!isObject(input)) {
    add('definition', 'is_object', 'must be an object with trigger, start and nodes');
    return problems;
  }
  if (Buffer.byteLength(JSON.stringify(input)) > JOURNEY_LIMITS.bytes) {
    add('definition', 'too_large', `must serialize to at most ${JOURNEY_LIMITS.bytes} bytes of JSON`, { max: JOURNEY_LIMITS.bytes });
    return problems;
  }
  problems.push(...triggerProblems(input.trigger));
  const nodes = input.nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) {
    add('nodes', Array.isArray(nodes) ? 'array_min_size' : 'is_array', 'must be a non-empty array of nodes', { min: 1 });
    return problems;
  }
  if (nodes.length > JOURNEY_LIMITS.nodes) {
    add('nodes', 'array_max_size', `must have at most ${JOURNEY_LIMITS.nodes} nodes`, { max: JOURNEY_LIMITS.nodes });
    return problems;
  }
  const ids = new Map<string, number>();
  nodes.forEach((node, i) => {
    const path = `nodes[${i}]`;
    if (!isObject(node)) return add(path, 'is_object', 'must be an object');
    if (typeof node.id !== 'string' || !NODE_ID.test(node.id)) {
      return add(`${path}.id`, 'node_id', 'must be 1-64 letters, digits or _, starting with a letter or _ (templates read nodes.<id>)');
    }
    if (ids.has(node.id))
      return add(`${path}.id`, 'duplicate_node_id', `repeats the id of nodes[${ids.get(node.id)}]`, { id: node.id, index: ids.get(node.id)! });
    ids.set(node.id, i);
  });
  if (typeof input.start !== 'string' || !input.start) add('start', 'required', 'must name the first node');
  else if (!ids.has(input.start)) add('start', 'unknown_node', `names no node (${JSON.stringify(input.start)})`, { id: input.start });
  nodes.forEach((node, i) => {
    if (isObject(node) && typeof node.id === 'string' && ids.get(node.id) === i) problems.push(...nodeProblems(node, `nodes[${i}]`, ids, nodes));
  });
  if (!problems.length) problems.push(...graphErrors(input as unknown as JourneyDefinition));
  return problems;
}

function triggerProblems(t: unknown): FieldProblem[] {
  const { problems, add } = problemCollector();
  if (!isObject(t)) {
    add('trigger', 'is_object', `must be an object with a type (${TRIGGER_TYPES.join(', ')})`, { values: [...TRIGGER_TYPES] });
    return problems;
  }
  if (typeof t.type !== 'string' || !(TRIGGER_TYPES as readonly string[]).includes(t.type)) {
    add('trigger.type', 'is_in', `must be one of ${TRIGGER_TYPES.join(', ')}`, { values: [...TRIGGER_TYPES] });
    return problems;
  }
  for (const key of Object.keys(t)) {
    if (key !== 'type' && !TRIGGER_KEYS[t.type].includes(key))
      add(`trigger.${key}`, 'unknown_field', `is not a field of a ${t.type} trigger`, { type: t.type });
  }
  switch (t.type) {
    case 'event':
      if (typeof t.event !== 'string' || !(FIXED_EVENTS as readonly string[]).includes(t.event)) {
        add('trigger.event', 'is_in', `must be one of ${FIXED_EVENTS.join(', ')}`, { values: [...FIXED_EVENTS] });
      }
      break;
    case 'attribute_threshold': {
      const { type: _, ...condition } = t;
      problems.push(...validateRule(condition, 'trigger', thresholdFieldKind, THRESHOLD_FIELD_HINT));
      break;
    }
    case 'group_entry':
      if (!isId(t.groupId)) add('trigger.groupId', idCode(t.groupId), 'must be a group id', ID_RANGE);
      break;
    case 'form_submitted':
      if (!isId(t.formId)) add('trigger.formId', idCode(t.formId), 'must be a form id', ID_RANGE);
      break;
    case 'inbound':
      if (t.inboundTriggerId !== undefined && !isId(t.inboundTriggerId)) add('trigger.inboundTriggerId', 'is_int', 'must be an inbound trigger id', ID_RANGE);
      break;
  }
  return problems;
}

function checkLink(node: Record<string, unknown>, key: string, target: unknown, path: string, ids: Map<string, number>, selfLink: boolean, add: AddProblem) {
  if (target === undefined || target === null) return;
  if (typeof target !== 'string' || !ids.has(target)) {
    add(`${path}.${key}`, 'unknown_node', `names no node (${JSON.stringify(target)})`, { id: typeof target === 'string' ? target : JSON.stringify(target) });
  } else if (target === node.id && !selfLink) add(`${path}.${key}`, 'self_link', 'cannot point at its own node', { id: target });
}

function nodeProblems(node: Record<string, unknown>, path: string, ids: Map<string, number>, nodes: unknown[]): FieldProblem[] {
  const { problems, add } = problemCollector();
  const type = typeof node.type === 'string' ? nodeType(node.type) : undefined;
  if (!type) {
    add(`${path}.type`, 'is_in', `must be one of ${NODE_TYPES.join(', ')}`, { values: [...NODE_TYPES] });
    return problems;
  }
  const allowed = ['id', 'type', 'label', 'position', ...type.fields];
  for (const key of Object.keys(node))
    if (!allowed.includes(key)) add(`${path}.${key}`, 'unknown_field', `is not a field of a ${type.type} node`, { type: type.type });
  if (node.label !== undefined && (typeof node.label !== 'string' || node.label.length > JOURNEY_LIMITS.label)) {
    add(`${path}.label`, 'max_length', `must be text of at most ${JOURNEY_LIMITS.label} characters`, { max: JOURNEY_LIMITS.label });
  }
  if (node.position !== undefined) {
    const p = node.position;
    const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e7;
    if (!isObject(p) || !finite(p.x) || !finite(p.y) || Object.keys(p).some((k) => k !== 'x' && k !== 'y')) {
      add(`${path}.position`, 'invalid', 'must be {x, y} with numbers');
    }
  }
  for (const [key, target] of linkEntries(node)) checkLink(node, key, target, path, ids, !!type.pauses, add);
  type.validate(node, path, { nodes, add, addAll: (more) => void problems.push(...more) });
  return problems;
}

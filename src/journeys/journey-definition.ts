/**
 * A journey (自动流程) as the API accepts it and the console edits it: a trigger, a start node and
 * a graph of nodes linked by `next` / `then` / `else`. Pure: validation returns problems at the
 * path of the bad part (`nodes[3].next`), each with a code and params the console words in its own
 * language; checks that need the database (webhooks, groups, forms) are the service's.
 */
import type { ErrorParams, FieldProblem } from '../common/api-error';
import type { FieldCode } from '../common/error-codes';
import { fieldErrorsOf } from '../common/field-problems';
import { FIXED_EVENTS } from '../events/event-catalog';
import { Rule, RuleOperator, Scalar, validateRule } from '../groups/segment-rule';
import { compileTemplate, TemplateError } from '../templates/render-template';
import { graphErrors } from './journey-graph';
import { conditionFieldKind, CONDITION_FIELD_HINT, thresholdFieldKind, THRESHOLD_FIELD_HINT } from './journey-fields';

export const JOURNEY_LIMITS = {
  nodes: 200,
  /** A wait of at most a year. */
  waitSeconds: 366 * 86_400,
  /** The whole definition as JSON. */
  bytes: 256 * 1024,
  label: 200,
};
export const NODE_ID = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const SETTABLE_FIELDS = ['name', 'wechatNickname', 'mobile', 'email'] as const;
const ATTRIBUTE_SET_PATH = /^attributes(\.[A-Za-z0-9_-]{1,64}){1,5}$/;

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

interface NodeBase {
  id: string;
  /** Shown on the canvas; free text. */
  label?: string;
  /** Where the console draws it. */
  position?: { x: number; y: number };
}
export interface WebhookNode extends NodeBase { type: 'webhook'; webhookId: number; onFailure?: 'continue' | 'stop'; next?: string }
export interface WaitNode extends NodeBase { type: 'wait'; seconds?: number; until?: string; next?: string }
export interface ConditionNode extends NodeBase { type: 'condition'; rule: Rule; then?: string; else?: string }
export interface UpdateCustomerNode extends NodeBase {
  type: 'update_customer';
  /** `name`, `wechatNickname`, `mobile`, `email` or `attributes.<key>[.<key>…]` → value (string leaves may be templates). */
  // `any`: free JSON, and TypeORM's partial-entity types reject `unknown` in json columns.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set?: Record<string, any>;
  activityDelta?: number;
  addToGroupId?: number;
  removeFromGroupId?: number;
  next?: string;
}
export interface EndNode extends NodeBase { type: 'end' }
export type JourneyNode = WebhookNode | WaitNode | ConditionNode | UpdateCustomerNode | EndNode;
export const NODE_TYPES = ['webhook', 'wait', 'condition', 'update_customer', 'end'] as const;

export interface JourneyDefinition {
  trigger: JourneyTrigger;
  start: string;
  nodes: JourneyNode[];
}

export type DefinitionErrors = Record<string, string[]>;

/** Notes a problem at `path`; the message starts with the path (`nodes[3].next names no node ("x")`). */
export type AddProblem = (path: string, code: FieldCode, message: string, params?: ErrorParams) => void;

export function problemCollector(): { problems: FieldProblem[]; add: AddProblem } {
  const problems: FieldProblem[] = [];
  const add: AddProblem = (path, code, message, params) => void problems.push({ path, code, ...(params ? { params } : {}), message: `${path} ${message}` });
  return { problems, add };
}

const ID_RANGE = { min: 1, max: 2_147_483_647 };

const NODE_KEYS: Record<string, string[]> = {
  webhook: ['webhookId', 'onFailure', 'next'],
  wait: ['seconds', 'until', 'next'],
  condition: ['rule', 'then', 'else'],
  update_customer: ['set', 'activityDelta', 'addToGroupId', 'removeFromGroupId', 'next'],
  end: [],
};
const TRIGGER_KEYS: Record<string, string[]> = {
  event: ['event'],
  attribute_threshold: ['field', 'op', 'value'],
  group_entry: ['groupId'],
  form_submitted: ['formId'],
  inbound: ['inboundTriggerId'],
};
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A required id left out is `required` (the console asks the marketer to pick one), a wrong one `is_int`. */
const idCode = (v: unknown): FieldCode => (v === undefined || v === null ? 'required' : 'is_int');
const isId = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= 2_147_483_647;

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
    if (ids.has(node.id)) return add(`${path}.id`, 'duplicate_node_id', `repeats the id of nodes[${ids.get(node.id)}]`, { id: node.id, index: ids.get(node.id)! });
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
    if (key !== 'type' && !TRIGGER_KEYS[t.type].includes(key)) add(`trigger.${key}`, 'unknown_field', `is not a field of a ${t.type} trigger`, { type: t.type });
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
    case 'group_entry': if (!isId(t.groupId)) add('trigger.groupId', idCode(t.groupId), 'must be a group id', ID_RANGE); break;
    case 'form_submitted': if (!isId(t.formId)) add('trigger.formId', idCode(t.formId), 'must be a form id', ID_RANGE); break;
    case 'inbound':
      if (t.inboundTriggerId !== undefined && !isId(t.inboundTriggerId)) add('trigger.inboundTriggerId', 'is_int', 'must be an inbound trigger id', ID_RANGE);
      break;
  }
  return problems;
}

function checkLink(node: Record<string, unknown>, key: string, path: string, ids: Map<string, number>, add: AddProblem) {
  const target = node[key];
  if (target === undefined || target === null) return;
  if (typeof target !== 'string' || !ids.has(target)) {
    add(`${path}.${key}`, 'unknown_node', `names no node (${JSON.stringify(target)})`, { id: typeof target === 'string' ? target : JSON.stringify(target) });
  } else if (target === node.id && node.type !== 'wait') add(`${path}.${key}`, 'self_link', 'cannot point at its own node', { id: target });
}

function nodeProblems(node: Record<string, unknown>, path: string, ids: Map<string, number>, nodes: unknown[]): FieldProblem[] {
  const { problems, add } = problemCollector();
  const type = node.type;
  if (typeof type !== 'string' || !(NODE_TYPES as readonly string[]).includes(type)) {
    add(`${path}.type`, 'is_in', `must be one of ${NODE_TYPES.join(', ')}`, { values: [...NODE_TYPES] });
    return problems;
  }
  const allowed = ['id', 'type', 'label', 'position', ...NODE_KEYS[type]];
  for (const key of Object.keys(node)) if (!allowed.includes(key)) add(`${path}.${key}`, 'unknown_field', `is not a field of a ${type} node`, { type });
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
  for (const key of ['next', 'then', 'else']) if (NODE_KEYS[type].includes(key)) checkLink(node, key, path, ids, add);
  switch (type) {
    case 'webhook':
      if (!isId(node.webhookId)) add(`${path}.webhookId`, idCode(node.webhookId), 'must be a webhook id', ID_RANGE);
      if (node.onFailure !== undefined && node.onFailure !== 'continue' && node.onFailure !== 'stop') {
        add(`${path}.onFailure`, 'is_in', 'must be continue or stop', { values: ['continue', 'stop'] });
      }
      break;
    case 'wait': {
      const hasSeconds = node.seconds !== undefined;
      const hasUntil = node.until !== undefined;
      if (hasSeconds === hasUntil) {
        add(path, 'wait_one_of', 'must have exactly one of seconds or until');
        break;
      }
      if (hasSeconds && !(Number.isInteger(node.seconds) && (node.seconds as number) >= 1 && (node.seconds as number) <= JOURNEY_LIMITS.waitSeconds)) {
        add(`${path}.seconds`, 'is_int', `must be a whole number of seconds from 1 to ${JOURNEY_LIMITS.waitSeconds}`, { min: 1, max: JOURNEY_LIMITS.waitSeconds });
      }
      if (hasUntil && (typeof node.until !== 'string' || !ISO_WITH_ZONE.test(node.until) || Number.isNaN(Date.parse(node.until)))) {
        add(`${path}.until`, 'is_date_string', 'must be an ISO-8601 date-time with a time zone');
      }
      break;
    }
    case 'condition': {
      const webhookIds = new Set(nodes.filter((n) => isObject(n) && n.type === 'webhook').map((n) => (n as { id: string }).id));
      problems.push(...validateRule(node.rule, `${path}.rule`, (f) => conditionFieldKind(f, webhookIds), CONDITION_FIELD_HINT));
      break;
    }
    case 'update_customer':
      updateProblems(node, path, add);
      break;
  }
  return problems;
}

const ACTIVITY_DELTA_MAX = 1_000_000_000;

function updateProblems(node: Record<string, unknown>, path: string, add: AddProblem): void {
  const { set, activityDelta, addToGroupId, removeFromGroupId } = node;
  if (set === undefined && activityDelta === undefined && addToGroupId === undefined && removeFromGroupId === undefined) {
    return add(path, 'nothing_to_change', 'must change something: set, activityDelta, addToGroupId or removeFromGroupId');
  }
  if (set !== undefined) {
    if (!isObject(set) || !Object.keys(set).length) {
      add(`${path}.set`, 'is_object', 'must be an object of field → value');
    } else {
      for (const [field, value] of Object.entries(set)) {
        const fieldPath = `${path}.set.${field}`;
        if ((SETTABLE_FIELDS as readonly string[]).includes(field)) {
          if (value !== null && typeof value !== 'string') add(fieldPath, 'is_string', 'must be text (or null to clear it)');
        } else if (!ATTRIBUTE_SET_PATH.test(field)) {
          add(fieldPath, 'not_settable', `is not a customer field (use ${SETTABLE_FIELDS.join(', ')} or attributes.<key>; activityScore through activityDelta)`,
            { fields: [...SETTABLE_FIELDS] });
        }
      }
      try {
        compileTemplate(set, `${path}.set`);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        add(error.path, error.code, error.message.slice(error.path.length + 2), error.params);
      }
    }
  }
  if (activityDelta !== undefined && !(Number.isInteger(activityDelta) && Math.abs(activityDelta as number) <= ACTIVITY_DELTA_MAX)) {
    add(`${path}.activityDelta`, 'is_int', 'must be a whole number between -1000000000 and 1000000000', { min: -ACTIVITY_DELTA_MAX, max: ACTIVITY_DELTA_MAX });
  }
  if (addToGroupId !== undefined && !isId(addToGroupId)) add(`${path}.addToGroupId`, 'is_int', 'must be a group id', ID_RANGE);
  if (removeFromGroupId !== undefined && !isId(removeFromGroupId)) add(`${path}.removeFromGroupId`, 'is_int', 'must be a group id', ID_RANGE);
}

/** The next node after a node finished with an outcome; null ends the run. */
export function successor(node: JourneyNode, branch?: 'then' | 'else'): string | null {
  if (node.type === 'end') return null;
  if (node.type === 'condition') return (branch === 'then' ? node.then : node.else) ?? null;
  return node.next ?? null;
}

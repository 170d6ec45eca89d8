/**
 * A journey (自动流程) as the API accepts it and the console edits it: a trigger, a start node and
 * a graph of nodes linked by `next` / `then` / `else`. Pure: validation returns errors keyed by
 * the path of the bad part (`nodes[3].next`); checks that need the database (webhooks, groups,
 * forms) are the service's.
 */
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
const isId = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= 2_147_483_647;

/** Every structural problem of a definition; empty when it is sound. */
export function validateDefinition(input: unknown): DefinitionErrors {
  const errors: DefinitionErrors = {};
  const add = (path: string, message: string) => void (errors[path] ??= []).push(`${path} ${message}`);
  if (!isObject(input)) {
    add('definition', 'must be an object with trigger, start and nodes');
    return errors;
  }
  if (Buffer.byteLength(JSON.stringify(input)) > JOURNEY_LIMITS.bytes) {
    add('definition', `must serialize to at most ${JOURNEY_LIMITS.bytes} bytes of JSON`);
    return errors;
  }
  validateTrigger(input.trigger, add, errors);
  const nodes = input.nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) {
    add('nodes', 'must be a non-empty array of nodes');
    return errors;
  }
  if (nodes.length > JOURNEY_LIMITS.nodes) {
    add('nodes', `must have at most ${JOURNEY_LIMITS.nodes} nodes`);
    return errors;
  }
  const ids = new Map<string, number>();
  nodes.forEach((node, i) => {
    const path = `nodes[${i}]`;
    if (!isObject(node)) return add(path, 'must be an object');
    if (typeof node.id !== 'string' || !NODE_ID.test(node.id)) {
      return add(`${path}.id`, 'must be 1-64 letters, digits or _, starting with a letter or _ (templates read nodes.<id>)');
    }
    if (ids.has(node.id)) return add(`${path}.id`, `repeats the id of nodes[${ids.get(node.id)}]`);
    ids.set(node.id, i);
  });
  if (typeof input.start !== 'string' || !input.start) add('start', 'must name the first node');
  else if (!ids.has(input.start)) add('start', `names no node (${JSON.stringify(input.start)})`);
  nodes.forEach((node, i) => {
    if (isObject(node) && typeof node.id === 'string' && ids.get(node.id) === i) validateNode(node, `nodes[${i}]`, ids, nodes, add, errors);
  });
  if (!Object.keys(errors).length) {
    for (const [path, message] of graphErrors(input as unknown as JourneyDefinition)) add(path, message);
  }
  return errors;
}

function validateTrigger(t: unknown, add: (p: string, m: string) => void, errors: DefinitionErrors): void {
  if (!isObject(t)) return add('trigger', `must be an object with a type (${TRIGGER_TYPES.join(', ')})`);
  if (typeof t.type !== 'string' || !(TRIGGER_TYPES as readonly string[]).includes(t.type)) {
    return add('trigger.type', `must be one of ${TRIGGER_TYPES.join(', ')}`);
  }
  for (const key of Object.keys(t)) {
    if (key !== 'type' && !TRIGGER_KEYS[t.type].includes(key)) add(`trigger.${key}`, `is not a field of a ${t.type} trigger`);
  }
  switch (t.type) {
    case 'event':
      if (typeof t.event !== 'string' || !(FIXED_EVENTS as readonly string[]).includes(t.event)) {
        add('trigger.event', `must be one of ${FIXED_EVENTS.join(', ')}`);
      }
      return;
    case 'attribute_threshold': {
      const { type: _, ...condition } = t;
      Object.assign(errors, validateRule(condition, 'trigger', thresholdFieldKind, THRESHOLD_FIELD_HINT));
      return;
    }
    case 'group_entry': return void (!isId(t.groupId) && add('trigger.groupId', 'must be a group id'));
    case 'form_submitted': return void (!isId(t.formId) && add('trigger.formId', 'must be a form id'));
    case 'inbound': return void (t.inboundTriggerId !== undefined && !isId(t.inboundTriggerId) && add('trigger.inboundTriggerId', 'must be an inbound trigger id'));
  }
}

function checkLink(node: Record<string, unknown>, key: string, path: string, ids: Map<string, number>, add: (p: string, m: string) => void) {
  const target = node[key];
  if (target === undefined || target === null) return;
  if (typeof target !== 'string' || !ids.has(target)) add(`${path}.${key}`, `names no node (${JSON.stringify(target)})`);
  else if (target === node.id && node.type !== 'wait') add(`${path}.${key}`, 'cannot point at its own node');
}

function validateNode(
  node: Record<string, unknown>, path: string, ids: Map<string, number>, nodes: unknown[],
  add: (p: string, m: string) => void, errors: DefinitionErrors,
): void {
  const type = node.type;
  if (typeof type !== 'string' || !(NODE_TYPES as readonly string[]).includes(type)) {
    return add(`${path}.type`, `must be one of ${NODE_TYPES.join(', ')}`);
  }
  const allowed = ['id', 'type', 'label', 'position', ...NODE_KEYS[type]];
  for (const key of Object.keys(node)) if (!allowed.includes(key)) add(`${path}.${key}`, `is not a field of a ${type} node`);
  if (node.label !== undefined && (typeof node.label !== 'string' || node.label.length > JOURNEY_LIMITS.label)) {
    add(`${path}.label`, `must be text of at most ${JOURNEY_LIMITS.label} characters`);
  }
  if (node.position !== undefined) {
    const p = node.position;
    const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e7;
    if (!isObject(p) || !finite(p.x) || !finite(p.y) || Object.keys(p).some((k) => k !== 'x' && k !== 'y')) {
      add(`${path}.position`, 'must be {x, y} with numbers');
    }
  }
  for (const key of ['next', 'then', 'else']) if (NODE_KEYS[type].includes(key)) checkLink(node, key, path, ids, add);
  switch (type) {
    case 'webhook':
      if (!isId(node.webhookId)) add(`${path}.webhookId`, 'must be a webhook id');
      if (node.onFailure !== undefined && node.onFailure !== 'continue' && node.onFailure !== 'stop') {
        add(`${path}.onFailure`, 'must be continue or stop');
      }
      return;
    case 'wait': {
      const hasSeconds = node.seconds !== undefined;
      const hasUntil = node.until !== undefined;
      if (hasSeconds === hasUntil) return add(path, 'must have exactly one of seconds or until');
      if (hasSeconds && !(Number.isInteger(node.seconds) && (node.seconds as number) >= 1 && (node.seconds as number) <= JOURNEY_LIMITS.waitSeconds)) {
        add(`${path}.seconds`, `must be a whole number of seconds from 1 to ${JOURNEY_LIMITS.waitSeconds}`);
      }
      if (hasUntil && (typeof node.until !== 'string' || !ISO_WITH_ZONE.test(node.until) || Number.isNaN(Date.parse(node.until)))) {
        add(`${path}.until`, 'must be an ISO-8601 date-time with a time zone');
      }
      return;
    }
    case 'condition': {
      const webhookIds = new Set(nodes.filter((n) => isObject(n) && n.type === 'webhook').map((n) => (n as { id: string }).id));
      Object.assign(errors, validateRule(node.rule, `${path}.rule`, (f) => conditionFieldKind(f, webhookIds), CONDITION_FIELD_HINT));
      return;
    }
    case 'update_customer':
      validateUpdate(node, path, add);
      return;
  }
}

function validateUpdate(node: Record<string, unknown>, path: string, add: (p: string, m: string) => void): void {
  const { set, activityDelta, addToGroupId, removeFromGroupId } = node;
  if (set === undefined && activityDelta === undefined && addToGroupId === undefined && removeFromGroupId === undefined) {
    return add(path, 'must change something: set, activityDelta, addToGroupId or removeFromGroupId');
  }
  if (set !== undefined) {
    if (!isObject(set) || !Object.keys(set).length) {
      add(`${path}.set`, 'must be an object of field → value');
    } else {
      for (const [field, value] of Object.entries(set)) {
        const fieldPath = `${path}.set.${field}`;
        if ((SETTABLE_FIELDS as readonly string[]).includes(field)) {
          if (value !== null && typeof value !== 'string') add(fieldPath, 'must be text (or null to clear it)');
        } else if (!ATTRIBUTE_SET_PATH.test(field)) {
          add(fieldPath, `is not a customer field (use ${SETTABLE_FIELDS.join(', ')} or attributes.<key>; activityScore through activityDelta)`);
        }
      }
      try {
        compileTemplate(set, `${path}.set`);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        add(error.path, error.message.slice(error.path.length + 2));
      }
    }
  }
  if (activityDelta !== undefined && !(Number.isInteger(activityDelta) && Math.abs(activityDelta as number) <= 1_000_000_000)) {
    add(`${path}.activityDelta`, 'must be a whole number between -1000000000 and 1000000000');
  }
  if (addToGroupId !== undefined && !isId(addToGroupId)) add(`${path}.addToGroupId`, 'must be a group id');
  if (removeFromGroupId !== undefined && !isId(removeFromGroupId)) add(`${path}.removeFromGroupId`, 'must be a group id');
}

/** The next node after a node finished with an outcome; null ends the run. */
export function successor(node: JourneyNode, branch?: 'then' | 'else'): string | null {
  if (node.type === 'end') return null;
  if (node.type === 'condition') return (branch === 'then' ? node.then : node.else) ?? null;
  return node.next ?? null;
}

/**
 * Which fields journey rules may read, and what they hold in a run. Pure.
 * - Condition nodes: `customer.<field>` (as group rules: columns and attributes), `trigger.<path>`
 *   (the occurrence's payload) and `nodes.<webhook node id>.<path>` (a call's outcome and response).
 * - attribute_threshold triggers: a customer field, named as in group rules (`activityScore`).
 */
import { FieldValue, readPath } from '../groups/rule-eval';
import { customerFieldKind, FieldKind } from '../groups/segment-rule';
import type { RunContext } from './journey-run.entity';

/** What a run's rules and templates read. */
export interface Scope {
  /** The customer's template view (customerView), or null for a run without a customer. */
  customer: Record<string, unknown> | null;
  context: RunContext;
}

const SEGMENT = '[A-Za-z0-9_-]{1,64}';
const TRIGGER_PATH = new RegExp(`^trigger(\\.${SEGMENT}){1,8}$`);
const NODES_PATH = new RegExp(`^nodes\\.(${SEGMENT})(\\.${SEGMENT}){1,8}$`);

export const CONDITION_FIELD_HINT =
  'customer.<field> (e.g. customer.activityScore, customer.attributes.city), trigger.<path> or nodes.<webhook node id>.response.<path>';
export const THRESHOLD_FIELD_HINT = 'activityScore, name, wechatNickname, mobile, email or attributes.<key>[.<key>...]';

export function conditionFieldKind(field: unknown, webhookNodeIds: Set<string>): FieldKind | undefined {
  if (typeof field !== 'string') return undefined;
  if (field.startsWith('customer.')) return customerFieldKind(field.slice('customer.'.length));
  if (TRIGGER_PATH.test(field)) return 'attribute';
  const nodes = NODES_PATH.exec(field);
  if (nodes && webhookNodeIds.has(nodes[1])) return 'attribute';
  return undefined;
}

export function thresholdFieldKind(field: unknown): FieldKind | undefined {
  if (field === 'id' || field === 'createdAt' || field === 'updatedAt') return undefined;
  return customerFieldKind(field);
}

/** What a condition field holds in this run. */
export function readField(field: string, scope: Scope): FieldValue {
  if (field.startsWith('customer.')) {
    const name = field.slice('customer.'.length);
    const kind = customerFieldKind(name) ?? 'attribute';
    if (!scope.customer) return { kind, value: undefined };
    if (kind === 'attribute') return { kind, value: readPath(scope.customer.attributes, name.split('.').slice(1), false) };
    return { kind, value: scope.customer[name] };
  }
  const [root, ...path] = field.split('.');
  const source = root === 'trigger' ? scope.context.trigger : root === 'nodes' ? scope.context.nodes : undefined;
  return { kind: 'attribute', value: readPath(source, path) };
}

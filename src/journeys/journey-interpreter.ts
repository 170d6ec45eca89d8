/**
 * How a run moves through its graph, without side effects: conditions and ends are decided here;
 * a node with an effect (webhook, wait, update_customer) stops the walk and is the executor's to
 * carry out. Pure.
 */
import { evaluateRule, FieldValue, readPath } from '../groups/rule-eval';
import { customerFieldKind } from '../groups/segment-rule';
import type { RunContext } from './journey-run.entity';
import type { StepOutcome } from './journey-step.entity';
import { JourneyDefinition, JourneyNode, successor, UpdateCustomerNode, WaitNode, WebhookNode } from './journey-definition';

/** A run may run at most this many nodes in its life (a loop through a wait runs forever otherwise). */
export const MAX_RUN_STEPS = 1_000;

export interface Scope {
  /** The customer's template view (customerView), or null for a run without a customer. */
  customer: Record<string, unknown> | null;
  context: RunContext;
}

export interface DecidedStep {
  node: JourneyNode;
  outcome: StepOutcome;
  at: Date;
  detail?: Record<string, unknown>;
}

export type Halt =
  | { kind: 'completed' }
  | { kind: 'failed'; error: string }
  | { kind: 'effect'; node: WebhookNode | WaitNode | UpdateCustomerNode };

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

export class JourneyGraph {
  private readonly byId: Map<string, JourneyNode>;

  constructor(readonly definition: JourneyDefinition) {
    this.byId = new Map(definition.nodes.map((n) => [n.id, n]));
  }

  node(id: string): JourneyNode | undefined {
    return this.byId.get(id);
  }

  /**
   * Walks from `nodeId` through conditions and ends until a node with an effect, the end of the
   * graph, or the step budget. `stepsSoFar` counts the run's nodes before this walk.
   */
  walk(nodeId: string | null, scope: Scope, stepsSoFar: number, now = new Date()): { steps: DecidedStep[]; nodeId: string | null; halt: Halt } {
    const steps: DecidedStep[] = [];
    let current = nodeId;
    for (;;) {
      if (current === null) return { steps, nodeId: null, halt: { kind: 'completed' } };
      const node = this.byId.get(current);
      if (!node) return { steps, nodeId: current, halt: { kind: 'failed', error: `node ${current} is not in this version` } };
      if (stepsSoFar + steps.length >= MAX_RUN_STEPS) {
        return { steps, nodeId: current, halt: { kind: 'failed', error: `stopped after ${MAX_RUN_STEPS} steps (a loop?)` } };
      }
      if (node.type === 'end') {
        steps.push({ node, outcome: 'done', at: now });
        return { steps, nodeId: null, halt: { kind: 'completed' } };
      }
      if (node.type !== 'condition') return { steps, nodeId: current, halt: { kind: 'effect', node } };
      const branch = evaluateRule(node.rule, (field) => readField(field, scope)) ? 'then' : 'else';
      steps.push({ node, outcome: branch, at: now });
      current = successor(node, branch);
    }
  }
}

/** When a wait node ends: now + seconds, or `until` (which may have passed: then at once). */
export function waitEnd(node: WaitNode, now: Date): Date {
  if (node.seconds !== undefined) return new Date(now.getTime() + node.seconds * 1000);
  return new Date(Math.max(now.getTime(), Date.parse(node.until!)));
}

/** A response as later nodes and templates read it: status, headers, and the body parsed when it is JSON. */
export const RESPONSE_BODY_IN_CONTEXT = 16 * 1024;

export function responseForContext(
  attempt: { statusCode: number | null; responseHeaders: Record<string, string> | null; responseBody: string | null } | undefined,
): { status: number | null; headers: Record<string, string>; body: unknown; truncated?: true } | null {
  if (!attempt || attempt.statusCode === null) return null;
  const raw = attempt.responseBody ?? '';
  if (raw.length > RESPONSE_BODY_IN_CONTEXT) {
    return { status: attempt.statusCode, headers: attempt.responseHeaders ?? {}, body: raw.slice(0, RESPONSE_BODY_IN_CONTEXT), truncated: true };
  }
  let body: unknown = raw;
  if (/^\s*[[{"\d\-tfn]/.test(raw)) {
    try {
      body = JSON.parse(raw);
    } catch {
      // not JSON: the text
    }
  }
  return { status: attempt.statusCode, headers: attempt.responseHeaders ?? {}, body: raw === '' ? null : body };
}

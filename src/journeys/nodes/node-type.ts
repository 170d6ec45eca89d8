/**
 * What a journey node type is: everything that differs from one type to another, in one object
 * per type (nodes/<type>.ts, listed in nodes/index.ts). The definition's checks, the graph checks,
 * the interpreter, the executor and the reference checks iterate the registry; adding a node type
 * is one file here (and one in the console's editor).
 */
import type { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FieldProblem } from '../../common/api-error';
import type { CustomerShape } from '../../customers/customer-shape';
import type { CustomersService } from '../../customers/customers.service';
import type { DeliveriesService } from '../../deliveries/deliveries.service';
import type { DeliveryOutcomes } from '../../deliveries/delivery-outcomes.service';
import type { DeliveryQueue } from '../../deliveries/delivery-queue.service';
import type { MetricsService } from '../../metrics/metrics.service';
import type { WebhookLookup } from '../../webhooks/webhook-lookup.service';
import type { AddProblem } from '../definition-checks';
import type { Scope } from '../journey-fields';
import type { StepOutcome } from '../journey-step.entity';

export interface NodeBase {
  id: string;
  /** Shown on the canvas; free text. */
  label?: string;
  /** Where the console draws it. */
  position?: { x: number; y: number };
}
export interface AnyNode extends NodeBase {
  type: string;
}

export type LinkKey = 'next' | 'then' | 'else';
/** Which way a node with branches went: a condition's then / else, a split's branch index. */
export type Branch = 'then' | 'else' | number;

/** What a node's check may read and report besides the node itself. */
export interface NodeCheck {
  /** Every node of the definition as given (a condition reads which ones are webhook nodes). */
  nodes: unknown[];
  add: AddProblem;
  addAll(problems: FieldProblem[]): void;
}

/**
 * Something in the database a node names, checked on every save and activation (it may have
 * changed since): a manual webhook that is enabled, or a static group.
 */
export interface NodeReference {
  kind: 'manual_webhook' | 'static_group';
  id: number;
  path: string;
}

/** The customer a run is about, as the customers service answers it. */
export type RunCustomer = CustomerShape;

/** The run a node acts on (the executor's RunCursor): its state changes are written back with the round's commit. */
export interface RunPort {
  readonly run: { readonly id: number; readonly tenantId: number; readonly journeyId: number };
  customer: RunCustomer | null;
  readonly scope: Scope;
  readonly waitingDeliveryId: string | null;
  /** Every namespace templates may read in this run. */
  templateContext(): Record<string, unknown>;
  /** A finished step joins the log. */
  log(node: AnyNode, outcome: StepOutcome, startedAt: Date, finishedAt: Date | null, detail?: Record<string, unknown> | null, deliveryId?: string | null): void;
  /** After a node with an outcome: its successor, or the end of the run. */
  advance(node: AnyNode, branch?: Branch): void;
  fail(error: string, now: Date): void;
  /** Waits at the node until `due` (a step stays open until then). */
  waitUntil(node: AnyNode, due: Date, now: Date): void;
  /** Waits at the node until the message settles (a step stays open until then). */
  waitForDelivery(node: AnyNode, deliveryId: string, now: Date, detail: Record<string, unknown>): void;
  /** The open step ended: it joins the log. */
  closeStep(outcome: StepOutcome, now: Date, detail?: Record<string, unknown>): void;
  /** The node could not start for a passing reason: the run stays at it, due again at `due`. */
  retryAt(due: Date): void;
  /** Woken before its message settled: waits on. */
  keepWaiting(): void;
  /** What templates and conditions read as `nodes.<id>`. */
  setNodeResult(nodeId: string, result: Record<string, unknown>): void;
}

/** Static group membership (the groups module's), written in the caller's transaction. */
export interface GroupMembership {
  /** The type of each of these groups of the tenant; a group missing from the map was deleted. */
  kinds(tenantId: number, ids: number[], m?: EntityManager): Promise<Map<number, string>>;
  add(m: EntityManager, tenantId: number, items: { groupId: number; customerId: number }[]): Promise<void>;
  remove(m: EntityManager, groupId: number, customerIds: number[]): Promise<void>;
}

/** What the executor lends node effects. */
export interface EffectPorts {
  webhooks: Pick<WebhookLookup, 'get'>;
  deliveries: Pick<DeliveriesService, 'prepare' | 'render' | 'store'>;
  deliveryQueue: Pick<DeliveryQueue, 'enqueue'>;
  outcomes: Pick<DeliveryOutcomes, 'settled'>;
  customers: Pick<CustomersService, 'applyChanges'>;
  groups: GroupMembership;
  metrics: Pick<MetricsService, 'journeySteps'>;
  logger: Pick<Logger, 'error' | 'warn'>;
}

/** A node's work for the round's transaction, with the run it belongs to. */
export interface NodeWork<N extends AnyNode, W> {
  run: RunPort;
  node: N;
  work: W;
}

/**
 * What a node with an effect does when a run reaches it. Many runs are stepped together: work
 * that writes (a message, a customer change) is answered by `start` and carried out for all of
 * them in the round's one transaction, together with the runs' new states and step logs.
 */
export interface NodeEffect<N extends AnyNode, W> {
  /** The run reached the node: act on the run now (a wait), or answer work for the round's commit (undefined: none). */
  start(run: RunPort, node: N, ports: EffectPorts, now: Date): W | undefined | Promise<W | undefined>;
  /** In the round's transaction: the work of the runs still held (runs taken over meanwhile drop out). */
  commit?(m: EntityManager, work: NodeWork<N, W>[], ports: EffectPorts, now: Date): Promise<void>;
  /** After that transaction committed (e.g. the stored messages enqueued). */
  committed?(work: NodeWork<N, W>[], ports: EffectPorts): Promise<void>;
  /** Runs woken while waiting at a node of this type (a wait ended, a message settled), together at the start of a slice. */
  resume?(runs: { run: RunPort; node: N }[], ports: EffectPorts, now: Date): Promise<void> | void;
}

export interface NodeType<N extends AnyNode = AnyNode, W = unknown> {
  readonly type: N['type'];
  /** Its own fields (besides id, type, label and position). */
  readonly fields: readonly string[];
  /** The fields among them that name the next node. */
  readonly links: readonly LinkKey[];
  /** Links held deeper than a top-level field (a split's branches[i].next): [path in the node, target as given]. */
  linksOf?(node: Record<string, unknown>): [path: string, target: unknown][];
  /** Holds the run for a while: it may link to itself, and a loop through it does not spin. */
  readonly pauses?: boolean;
  /** Its effect counts its steps in the metrics itself (a message counts when it settles). */
  readonly countsOwnSteps?: boolean;
  /** The node's own checks (the shared ones, fields, label, position and links, are done). */
  validate(node: Record<string, unknown>, path: string, check: NodeCheck): void;
  /** What it names in the database, checked on every save and activation. */
  references?(node: N, path: string): NodeReference[];
  /** Decided in memory as the run reaches it (a condition, a split, an end); a type without it has an effect. */
  decide?(node: N, scope: Scope, runId: string): { outcome: StepOutcome; branch?: Branch; detail?: Record<string, unknown> };
  /** The next node after it finished (with the branch decide() took); null ends the run. */
  successor(node: N, branch?: Branch): string | null;
  readonly effect?: NodeEffect<N, W>;
}

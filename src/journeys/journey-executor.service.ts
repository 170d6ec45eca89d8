import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { Env } from '../config/env';
import { QUEUES } from '../queues/queues';
import { runsFinishedChannel } from './run-waiter.service';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { CustomerChange } from '../customers/customer-change';
import { Customer } from '../customers/customer.entity';
import { CustomersService } from '../customers/customers.service';
import { bulkInsert, hydrate } from '../database/entity-sql';
import { DeliveriesService } from '../deliveries/deliveries.service';
import { DeliveryQueue } from '../deliveries/delivery-queue.service';
import { Delivery } from '../deliveries/delivery.entity';
import { customerView } from '../deliveries/message-body';
import { MANUAL_MESSAGE_EVENTS } from '../events/event-catalog';
import { MetricsService } from '../metrics/metrics.service';
import { WebhookLookup } from '../webhooks/webhook-lookup.service';
import type { WebhookWithSecrets } from '../webhooks/webhooks.service';
import { UpdateCustomerNode, WaitNode, WebhookNode } from './journey-definition';
import { JourneyGraph, waitEnd } from './journey-interpreter';
import { JourneyRun } from './journey-run.entity';
import { JourneyStep } from './journey-step.entity';
import { VersionCache } from './version-cache';
import { RunCursor } from './run-cursor';
import { RunStarter } from './run-starter.service';
import { applyGroups, checkGroups, customerUpdateFor, webhookResult } from './node-effects';

/** How long a slice holds its runs before another worker may take them over. */
const CLAIM_MS = 60_000;
/** A job may fire this early (timer granularity) and still claim its runs. */
const EARLY_TOLERANCE_MS = 50;
/** Waits ending within the same window wake together, in one job. */
const WAKE_WINDOW_MS = 250;
/** A run whose webhook could not be loaded (database error, a secret that does not open) tries its node again this much later. */
const RELOAD_RETRY_MS = 5_000;

/**
 * Steps claimed runs as far as they can go now. Conditions and ends are decided in memory; each
 * node with an effect (a message, a wait, a customer update) commits in one transaction together
 * with the run's new state and its step log, so a crash never repeats or loses an effect: the
 * run's claim expires and it resumes from the last commit. Many runs share each transaction.
 */
@Injectable()
export class JourneyExecutor {
  private readonly logger = new Logger(JourneyExecutor.name);

  constructor(
    private readonly db: DataSource,
    private readonly versions: VersionCache,
    private readonly customers: CustomersService,
    private readonly webhooks: WebhookLookup,
    private readonly deliveries: DeliveriesService,
    private readonly deliveryQueue: DeliveryQueue,
    private readonly starter: RunStarter,
    private readonly metrics: MetricsService,
    private readonly env: Env,
    @InjectQueue(QUEUES.journeys) private readonly queue: Queue,
  ) {}

  async runSlice(runIds: number[]): Promise<void> {
    const token = randomUUID();
    const runs = await this.claim(runIds, token);
    if (!runs.length) return;
    let cursors = await this.cursors(runs);
    await this.resume(cursors);
    for (let round = 0; cursors.some((c) => c.running) || round === 0; round++) {
      const now = new Date();
      const updates: { cursor: RunCursor; node: UpdateCustomerNode }[] = [];
      const messages: { cursor: RunCursor; node: WebhookNode; row: Delivery }[] = [];
      for (const cursor of cursors.filter((c) => c.running)) {
        const walk = cursor.graph.walk(cursor.nodeId, cursor.scope, cursor.steps, now);
        cursor.recordSteps(walk.steps);
        cursor.nodeId = walk.nodeId;
        if (walk.halt.kind === 'completed') cursor.complete(now);
        else if (walk.halt.kind === 'failed') cursor.fail(walk.halt.error, now);
        else if (walk.halt.node.type === 'wait') this.startWait(cursor, walk.halt.node, now);
        else if (walk.halt.node.type === 'update_customer') updates.push({ cursor, node: walk.halt.node });
        else {
          const row = await this.startWebhook(cursor, walk.halt.node, now);
          if (row) messages.push({ cursor, node: walk.halt.node, row });
        }
      }
      // Terminates: every round costs each running run a step, and a run has at most MAX_RUN_STEPS.
      cursors = await this.commit(token, cursors, updates, messages, now);
    }
  }

  /** Takes the given runs that are due, not held by another slice, and whose journey is active. */
  private async claim(ids: number[], token: string): Promise<JourneyRun[]> {
    const now = Date.now();
    const result = await this.db.query(
      'UPDATE journey_runs r JOIN journeys j ON j.id = r.journeyId SET r.claimToken = ?, r.lockedUntil = ? '
      + 'WHERE r.id IN (?) AND r.status IN (\'active\', \'waiting\') AND r.dueAt <= ? '
      + 'AND (r.lockedUntil IS NULL OR r.lockedUntil < ?) AND j.status = \'active\'',
      [token, new Date(now + CLAIM_MS), ids, new Date(now + EARLY_TOLERANCE_MS), new Date(now)],
    );
    if (!result.affectedRows) return [];
    return hydrate(this.db.manager, JourneyRun, await this.db.query('SELECT * FROM journey_runs WHERE id IN (?) AND claimToken = ?', [ids, token]));
  }

  private async cursors(runs: JourneyRun[]): Promise<RunCursor[]> {
    const versions = await this.versions.get(runs.map((r) => r.versionId));
    const customerIds = [...new Set(runs.map((r) => r.customerId).filter((x): x is number => !!x))];
    const customers = new Map(customerIds.length
      ? hydrate(this.db.manager, Customer, await this.db.query('SELECT * FROM customers WHERE id IN (?)', [customerIds])).map((c) => [c.id, c])
      : []);
    return runs.map((run) => {
      const v = versions.get(run.versionId)!;
      return new RunCursor(run, new JourneyGraph(v.definition), { id: run.journeyId, name: v.name, version: v.version }, customers.get(run.customerId ?? 0) ?? null);
    });
  }

  /** Runs that waited: a wait ended, or their message settled (delivered, or finally failed). */
  private async resume(cursors: RunCursor[]): Promise<void> {
    const now = new Date();
    const onMessages = cursors.filter((c) => c.status === 'waiting' && c.waitingDeliveryId);
    const ids = onMessages.map((c) => c.waitingDeliveryId!);
    const deliveries = new Map<string, { status: string; lastError: string | null }>(ids.length
      ? (await this.db.query('SELECT id, status, lastError FROM deliveries WHERE id IN (?)', [ids])).map((d: { id: string }) => [d.id, d])
      : []);
    const attempts = new Map<string, { statusCode: number | null; responseHeaders: Record<string, string> | null; responseBody: string | null }>();
    if (ids.length) {
      const rows: { deliveryId: string; statusCode: number | null; responseHeaders: string | Record<string, string> | null; responseBody: string | null }[] =
        await this.db.query(
          'SELECT a.deliveryId, a.statusCode, a.responseHeaders, a.responseBody FROM delivery_attempts a '
          + 'JOIN (SELECT deliveryId, MAX(number) AS n FROM delivery_attempts WHERE deliveryId IN (?) GROUP BY deliveryId) last '
          + 'ON last.deliveryId = a.deliveryId AND last.n = a.number', [ids],
        );
      for (const r of rows) {
        attempts.set(r.deliveryId, { ...r, responseHeaders: typeof r.responseHeaders === 'string' ? JSON.parse(r.responseHeaders) : r.responseHeaders });
      }
    }
    for (const cursor of cursors.filter((c) => c.status === 'waiting')) {
      const node = cursor.currentNode();
      if (!node) { cursor.fail(`node ${cursor.nodeId} is not in this version`, now); continue; }
      if (!cursor.waitingDeliveryId) {
        cursor.closeStep('done', now);
        cursor.advance(node);
        continue;
      }
      const delivery = deliveries.get(cursor.waitingDeliveryId);
      if (!delivery || delivery.status === 'pending' || delivery.status === 'sending') { cursor.keepWaiting(); continue; }
      const result = webhookResult(cursor.waitingDeliveryId, delivery, attempts.get(cursor.waitingDeliveryId));
      cursor.setNodeResult(node.id, result);
      cursor.closeStep(result.outcome, now, { response: result.response, error: result.error ?? null });
      this.metrics.journeySteps.inc({ type: 'webhook', outcome: result.outcome });
      this.afterWebhook(cursor, node as WebhookNode, result.outcome === 'delivered', result.error, now);
    }
  }

  private afterWebhook(cursor: RunCursor, node: WebhookNode, delivered: boolean, error: string | undefined, now: Date): void {
    if (delivered || node.onFailure === 'continue') cursor.advance(node);
    else cursor.fail(`webhook node ${node.id}: ${error ?? 'the message failed'}`, now);
  }

  private startWait(cursor: RunCursor, node: WaitNode, now: Date): void {
    const due = waitEnd(node, now);
    if (due.getTime() <= now.getTime()) {
      cursor.log(node, 'done', now, now, { until: due.toISOString() });
      cursor.advance(node);
    } else {
      cursor.waitUntil(node, due, now);
    }
  }

  /**
   * Renders the node's message (stored in the commit); a webhook that is deleted, disabled or not
   * manual fails the node at once. One that could not be loaded is not "deleted": the run stays at
   * the node and tries again later, without holding up the slice's other runs.
   */
  private async startWebhook(cursor: RunCursor, node: WebhookNode, now: Date): Promise<Delivery | null> {
    let webhook: WebhookWithSecrets | null;
    try {
      webhook = await this.webhooks.get(cursor.run.tenantId, node.webhookId);
    } catch (e) {
      this.logger.error(`journey run ${cursor.run.id}: webhook ${node.webhookId} could not be loaded (${(e as Error).message}); retrying in ${RELOAD_RETRY_MS / 1000} s`);
      cursor.retryAt(new Date(now.getTime() + RELOAD_RETRY_MS + Math.floor(Math.random() * 1_000)));
      return null;
    }
    const unusable = !webhook ? `webhook ${node.webhookId} was deleted`
      : !webhook.enabled ? `webhook ${node.webhookId} is disabled`
      : webhook.triggerType !== 'manual' ? `webhook ${node.webhookId} is not a manual webhook` : null;
    let row: Delivery | null = null;
    let error = unusable;
    if (webhook && !unusable) {
      try {
        [row] = this.deliveries.render([{
          webhook, source: 'journey', event: MANUAL_MESSAGE_EVENTS.journey, journeyRunId: cursor.run.id,
          customer: cursor.customer ? { ...customerView(cursor.customer), id: cursor.customer.id } : undefined,
          context: cursor.templateContext(),
        }], now);
      } catch (e) {
        error = `the message could not be rendered: ${(e as Error).message}`;
      }
    }
    if (row && row.status === 'pending') {
      cursor.waitForDelivery(node, row.id, now);
      return row;
    }
    // Not sendable: the node fails now (a row the engine stored as failed is still kept, for the log).
    error = row?.lastError ?? error ?? 'the message failed';
    cursor.setNodeResult(node.id, { deliveryId: row?.id ?? null, outcome: 'failed', response: null, error });
    cursor.log(node, 'failed', now, now, { webhookId: node.webhookId, error }, row?.id ?? null);
    this.metrics.journeySteps.inc({ type: 'webhook', outcome: 'failed' });
    this.afterWebhook(cursor, node, false, error, now);
    return row;
  }

  /**
   * One transaction for the round: re-checks the claims under row locks, applies customer updates,
   * stores messages, step log and run states. Answers the cursors still held (lost claims drop out).
   */
  private async commit(
    token: string, cursors: RunCursor[], updates: { cursor: RunCursor; node: UpdateCustomerNode }[],
    messages: { cursor: RunCursor; node: WebhookNode; row: Delivery }[], now: Date,
  ): Promise<RunCursor[]> {
    let kept: RunCursor[] = [];
    await this.db.transaction(async (m) => {
      const locked: { id: number | string }[] = await m.query(
        'SELECT id FROM journey_runs WHERE id IN (?) AND claimToken = ? AND status IN (\'active\', \'waiting\') FOR UPDATE',
        [cursors.map((c) => c.run.id), token],
      );
      const held = new Set(locked.map((r) => Number(r.id)));
      kept = cursors.filter((c) => held.has(c.run.id));
      if (kept.length < cursors.length) this.logger.warn(`${cursors.length - kept.length} journey run(s) were taken over or cancelled meanwhile`);
      await this.applyUpdates(m, updates.filter((u) => held.has(u.cursor.run.id)), now);
      const rows = messages.filter((x) => held.has(x.cursor.run.id)).map((x) => x.row);
      if (rows.length) await this.deliveries.store(m, rows);
      const steps = kept.flatMap((c) => c.newSteps);
      if (steps.length) await bulkInsert(m, JourneyStep, steps);
      await this.saveRuns(m, kept, token);
    });
    const rows = messages.filter((x) => kept.includes(x.cursor)).map((x) => x.row).filter((r) => r.status === 'pending');
    if (rows.length) await this.deliveryQueue.enqueue(rows, { batch: true });
    // Waits, and runs retrying a node later: both stopped with a due time.
    await this.wakeLater(kept.filter((c) => !c.running && c.dueAt));
    const finished = kept.filter((c) => c.finishedAt).map((c) => c.run.id);
    if (finished.length) await this.queue.client.publish(runsFinishedChannel(this.env), JSON.stringify(finished)).catch(() => undefined);
    for (const c of kept) {
      for (const s of c.newSteps) if (s.nodeType !== 'webhook') this.metrics.journeySteps.inc({ type: s.nodeType, outcome: s.outcome });
      if (c.finishedAt) this.metrics.journeyRuns.inc({ outcome: c.status });
      c.newSteps.length = 0;
      c.contextChanged = false;
    }
    return kept.filter((c) => c.running);
  }

  /** update_customer nodes, per tenant: groups checked, customers changed (their events recorded), memberships written. */
  private async applyUpdates(m: EntityManager, updates: { cursor: RunCursor; node: UpdateCustomerNode }[], now: Date): Promise<void> {
    const byTenant = new Map<number, typeof updates>();
    for (const u of updates) byTenant.set(u.cursor.run.tenantId, [...(byTenant.get(u.cursor.run.tenantId) ?? []), u]);
    for (const [tenantId, items] of byTenant) {
      const groupErrors = await checkGroups(m, tenantId, items.map((u) => u.node));
      const planned: { cursor: RunCursor; node: UpdateCustomerNode; change: CustomerChange }[] = [];
      items.forEach((u, i) => {
        const change = u.cursor.customer ? customerUpdateFor(u.node, u.cursor) : { error: 'the run has no customer to update' };
        const error = 'error' in change ? change.error : groupErrors.get(i);
        if (error) this.updateFailed(u.cursor, u.node, error, now);
        else planned.push({ ...u, change: change as CustomerChange });
      });
      const results = await this.customers.applyChanges(m, tenantId, planned.map((p) => ({ customerId: p.cursor.customer!.id, change: p.change })));
      const done = planned.filter((p, i) => {
        const result = results[i];
        if ('error' in result) {
          this.updateFailed(p.cursor, p.node, result.error, now);
          return false;
        }
        p.cursor.customer = result.customer;
        p.cursor.log(p.node, 'done', now, now, {
          set: p.change.set ?? null, activityDelta: p.node.activityDelta ?? null,
          addToGroupId: p.node.addToGroupId ?? null, removeFromGroupId: p.node.removeFromGroupId ?? null,
        });
        p.cursor.advance(p.node);
        return true;
      });
      await applyGroups(m, tenantId, done.map((p) => ({ node: p.node, customerId: p.cursor.customer!.id })));
    }
  }

  private updateFailed(cursor: RunCursor, node: UpdateCustomerNode, error: string, now: Date): void {
    cursor.log(node, 'error', now, now, { error });
    cursor.fail(`update_customer node ${node.id}: ${error}`, now);
  }

  /**
   * The runs' new states in one statement per shape (with or without a new context): an upsert by
   * primary key on rows this transaction holds locked, so each VALUES row only ever updates its own run.
   */
  private async saveRuns(m: EntityManager, cursors: RunCursor[], token: string): Promise<void> {
    const lockedUntil = new Date(Date.now() + CLAIM_MS);
    for (const withContext of [true, false]) {
      const part = cursors.filter((c) => c.contextChanged === withContext);
      if (!part.length) continue;
      const columns = ['status', 'nodeId', 'dueAt', 'waitingDeliveryId', 'openStep', 'steps', 'error', 'finishedAt', 'claimToken', 'lockedUntil', ...(withContext ? ['context'] : [])];
      await m.query(
        'INSERT INTO journey_runs (id, tenantId, journeyId, versionId, occurrenceKey, context, status, nodeId, dueAt, waitingDeliveryId, openStep, steps, error, finishedAt, claimToken, lockedUntil) '
        + `VALUES ? ON DUPLICATE KEY UPDATE ${columns.map((c) => `${c} = VALUES(${c})`).join(', ')}`,
        [part.map((c) => [
          c.run.id, c.run.tenantId, c.run.journeyId, c.run.versionId, c.run.occurrenceKey, withContext ? JSON.stringify(c.context) : '{}',
          c.status, c.nodeId, c.dueAt, c.waitingDeliveryId, c.openStep === null ? null : JSON.stringify(c.openStep), c.steps, c.error, c.finishedAt,
          c.keepsClaim ? token : null, c.keepsClaim ? lockedUntil : null,
        ])],
      );
    }
  }

  /** Delayed step jobs for runs in a wait, grouped by when they wake. */
  private async wakeLater(cursors: RunCursor[]): Promise<void> {
    const byWindow = new Map<number, number[]>();
    for (const c of cursors) {
      const window = Math.ceil(c.dueAt!.getTime() / WAKE_WINDOW_MS) * WAKE_WINDOW_MS;
      byWindow.set(window, [...(byWindow.get(window) ?? []), c.run.id]);
    }
    for (const [window, ids] of byWindow) await this.starter.enqueue(ids, new Date(window));
  }
}

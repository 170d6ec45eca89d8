import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import type { TenantRef } from '../common/tenant-ref';
import { FieldValidationException } from '../common/validation';
import { customerView } from '../customers/customer-template-view';
import { CustomersService } from '../customers/customers.service';
import { DeliveryOutcomes } from '../deliveries/delivery-outcomes.service';
import { TestSendService } from '../deliveries/test-send.service';
import { WebhookLookup } from '../webhooks/webhook-lookup.service';
import type { JourneyRunDetail } from './dto/journey-run-view.dto';
import type { JourneyNodeCountsView, NodeCountsQuery, StartTestRunDto } from './dto/test-run.dto';
import type { JourneyDefinition } from './journey-definition';
import { JourneyGraph, MAX_RUN_STEPS } from './journey-interpreter';
import { JourneyRun } from './journey-run.entity';
import { JourneyRunsService } from './journey-runs.service';
import { JourneysService } from './journeys.service';
import { NodeCounts } from './node-counts';
import type { JourneyNode } from './nodes';
import { customerUpdateFor } from './nodes/update-customer';
import { waitEnd } from './nodes/wait';
import { unusableWebhook, webhookResult, type WebhookNode } from './nodes/webhook';
import { RunCursor } from './run-cursor';
import { RunStore } from './run-store';

/** A test run stops after this many nodes (waits take no time here, so a loop through one would spin). */
export const MAX_TEST_STEPS = 50;

/**
 * 测试运行: one customer through a journey's draft or a version, now, in this request. Conditions
 * are decided for real; waits are skipped (logged with the time they would have ended); each
 * webhook node is a test send (one signed attempt through the delivery engine, source `test`, its
 * request and response recorded); update_customer nodes only log the change they would make, so
 * a test never edits a real customer. The run is marked `test`: no counter, node count, run list
 * or re-entry rule sees it, and it never holds up the customer's real runs.
 */
@Injectable()
export class TestRuns {
  constructor(
    private readonly db: DataSource,
    private readonly journeys: JourneysService,
    private readonly runViews: JourneyRunsService,
    private readonly runs: RunStore,
    private readonly counts: NodeCounts,
    private readonly customers: CustomersService,
    private readonly webhooks: WebhookLookup,
    private readonly sends: TestSendService,
    private readonly outcomes: DeliveryOutcomes,
  ) {}

  async start(tenant: TenantRef, journeyId: number, dto: StartTestRunDto): Promise<JourneyRunDetail> {
    const j = await this.journeys.find(tenant, journeyId);
    const v = dto.version === undefined ? null : await this.journeys.version(j, dto.version);
    const definition: JourneyDefinition = v ? v.definition : j.definition;
    const problems = await this.journeys.problems(tenant, definition);
    if (problems.length) throw new FieldValidationException(problems);
    const customer = await this.customers.get(tenant, dto.customerId);
    const repo = this.db.getRepository(JourneyRun);
    // Active with no due time while this request steps it: no worker ever claims it. versionId 0: a draft never activated.
    const run = repo.create({
      tenantId: tenant.id,
      journeyId: j.id,
      versionId: v?.id ?? j.versionId ?? 0,
      customerId: customer.id,
      occurrenceKey: `test:${randomUUID()}`,
      test: true,
      entryKey: null,
      status: 'active',
      nodeId: definition.start,
      dueAt: null,
      waitingDeliveryId: null,
      openStep: null,
      context: { trigger: { type: definition.trigger.type, test: true }, vars: {}, nodes: {} },
      steps: 0,
      error: null,
      claimToken: null,
      lockedUntil: null,
      finishedAt: null,
    });
    await repo.save(run);
    const cursor = new RunCursor(run, new JourneyGraph(definition), { id: j.id, name: v?.name ?? j.name, version: v?.version ?? j.version }, customer);
    try {
      await this.step(cursor);
    } catch (error) {
      cursor.fail(`the test run stopped: ${(error as Error).message}`, new Date());
    } finally {
      await this.runs.insertSteps(this.db.manager, cursor.newSteps);
      await this.db.query('UPDATE journey_runs SET status = ?, nodeId = ?, steps = ?, context = ?, error = ?, finishedAt = ? WHERE id = ?', [
        cursor.status,
        cursor.nodeId,
        cursor.steps,
        JSON.stringify(cursor.context),
        cursor.error,
        cursor.finishedAt ?? new Date(),
        run.id,
      ]);
    }
    return this.runViews.get(tenant, run.id);
  }

  /** Each node's counts of a version (the current one by default); test runs never count. */
  async nodeCounts(tenant: TenantRef, journeyId: number, q: NodeCountsQuery): Promise<JourneyNodeCountsView> {
    const j = await this.journeys.find(tenant, journeyId);
    const v = q.version === undefined ? null : await this.journeys.version(j, q.version);
    const versionId = v?.id ?? j.versionId;
    if (!versionId) return { journeyId: j.id, version: null, nodes: [] };
    return { journeyId: j.id, version: v?.version ?? j.version, nodes: await this.counts.forVersion(j.id, versionId) };
  }

  /** Walks the run to its end: nodes decided in memory by the interpreter, effects here. */
  private async step(cursor: RunCursor): Promise<void> {
    while (cursor.running) {
      const now = new Date();
      // The interpreter stops at MAX_RUN_STEPS: shifting the count makes it stop at MAX_TEST_STEPS.
      const walk = cursor.graph.walk(cursor.nodeId, cursor.scope, cursor.steps + MAX_RUN_STEPS - MAX_TEST_STEPS, now, String(cursor.run.id));
      cursor.recordSteps(walk.steps);
      cursor.nodeId = walk.nodeId;
      if (walk.halt.kind === 'completed') cursor.complete(now);
      else if (walk.halt.kind === 'failed') cursor.fail(walk.halt.error.replace(String(MAX_RUN_STEPS), String(MAX_TEST_STEPS)), now);
      else await this.effect(cursor, walk.halt.node, now);
    }
  }

  private async effect(cursor: RunCursor, node: JourneyNode, now: Date): Promise<void> {
    if (node.type === 'wait') {
      cursor.log(node, 'done', now, now, { until: waitEnd(node, now).toISOString(), skipped: true });
      return cursor.advance(node);
    }
    if (node.type === 'update_customer') {
      const change = customerUpdateFor(node, cursor);
      if ('error' in change) {
        cursor.log(node, 'error', now, now, { error: change.error });
        return cursor.fail(`update_customer node ${node.id}: ${change.error}`, now);
      }
      const groups = { addToGroupId: node.addToGroupId ?? null, removeFromGroupId: node.removeFromGroupId ?? null };
      cursor.log(node, 'done', now, now, { ...change, ...groups, applied: false });
      return cursor.advance(node);
    }
    if (node.type === 'webhook') return this.send(cursor, node, now);
    cursor.fail(`node ${node.id} (${node.type}) has nothing to do`, now);
  }

  /** A webhook node as a test send: one attempt now; its request and response are the message's. */
  private async send(cursor: RunCursor, node: WebhookNode, startedAt: Date): Promise<void> {
    const webhook = await this.webhooks.get(cursor.run.tenantId, node.webhookId);
    const unusable = unusableWebhook(node.webhookId, webhook);
    let deliveryId: string | null = null;
    let result: ReturnType<typeof webhookResult> | { deliveryId: null; outcome: 'failed'; response: null; error: string };
    if (unusable || !webhook) {
      result = { deliveryId: null, outcome: 'failed', response: null, error: unusable ?? 'the webhook is gone' };
    } else {
      const customer = cursor.customer ? { ...customerView(cursor.customer), id: cursor.customer.id } : undefined;
      deliveryId = await this.sends.sendInRun(webhook, customer, cursor.templateContext(), cursor.run.id);
      const { messages, responses } = await this.outcomes.settled([deliveryId]);
      result = webhookResult(deliveryId, messages.get(deliveryId) ?? { status: 'failed', lastError: 'the message was not stored' }, responses.get(deliveryId));
    }
    const now = new Date();
    cursor.setNodeResult(node.id, result);
    cursor.log(node, result.outcome, startedAt, now, { webhookId: node.webhookId, response: result.response, error: result.error ?? null }, deliveryId);
    if (result.outcome === 'delivered' || node.onFailure === 'continue') cursor.advance(node);
    else cursor.fail(`webhook node ${node.id}: ${result.error ?? 'the message failed'}`, now);
  }
}

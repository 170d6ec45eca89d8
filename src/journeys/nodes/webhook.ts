/**
 * webhook: calls a manual webhook with the run's customer and context, and waits until the
 * message settles; later nodes read `nodes.<id>` (its outcome and response).
 */
import type { WebhookWithSecrets } from '../../webhooks/webhooks.service';
import { MANUAL_MESSAGE_EVENTS } from '../../outbox/event-catalog';
import { customerView } from '../../customers/customer-template-view';
import { ID_RANGE, idCode, isId } from '../definition-checks';
import type { EffectPorts, NodeBase, NodeType, RunPort } from './node-type';

export interface WebhookNode extends NodeBase {
  type: 'webhook';
  webhookId: number;
  onFailure?: 'continue' | 'stop';
  next?: string;
}

/** A message as the deliveries service builds it (stored with the round's commit). */
type Message = ReturnType<EffectPorts['deliveries']['render']>[number];

/** A run whose webhook could not be loaded (database error, a secret that does not open) tries its node again this much later. */
const RELOAD_RETRY_MS = 5_000;

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

export interface WebhookNodeResult {
  deliveryId: string;
  outcome: 'delivered' | 'skipped' | 'failed';
  /** Why a skipped message was not made (the customer unsubscribed…). */
  skipReason?: string;
  response: ReturnType<typeof responseForContext>;
  error?: string;
  [key: string]: unknown;
}

/** What `nodes.<id>` holds once the node's message settled. */
export function webhookResult(
  deliveryId: string,
  delivery: { status: string; lastError: string | null },
  attempt: Parameters<typeof responseForContext>[0],
): WebhookNodeResult {
  const delivered = delivery.status === 'delivered';
  const result: WebhookNodeResult = { deliveryId, outcome: delivered ? 'delivered' : 'failed', response: responseForContext(attempt) };
  if (!delivered) result.error = `message ${delivery.status}${delivery.lastError ? `: ${delivery.lastError}` : ''}`;
  return result;
}

/** Why a webhook cannot be called from a journey now, or null when it can. */
export function unusableWebhook(id: number, webhook: Pick<WebhookWithSecrets, 'enabled' | 'triggerType'> | null): string | null {
  return !webhook
    ? `webhook ${id} was deleted`
    : !webhook.enabled
      ? `webhook ${id} is disabled`
      : webhook.triggerType !== 'manual'
        ? `webhook ${id} is not a manual webhook`
        : null;
}

/** After the message: on to the next node, or the run fails (unless the node goes on when its message fails). */
function afterMessage(run: RunPort, node: WebhookNode, delivered: boolean, error: string | undefined, now: Date): void {
  if (delivered || node.onFailure === 'continue') run.advance(node);
  else run.fail(`webhook node ${node.id}: ${error ?? 'the message failed'}`, now);
}

/**
 * Renders the node's message (stored in the commit); a webhook that is deleted, disabled or not
 * manual fails the node at once. One that could not be loaded is not "deleted": the run stays at
 * the node and tries again later, without holding up the slice's other runs.
 */
async function startMessage(run: RunPort, node: WebhookNode, ports: EffectPorts, now: Date): Promise<Message | undefined> {
  let webhook: WebhookWithSecrets | null;
  try {
    webhook = await ports.webhooks.get(run.run.tenantId, node.webhookId);
  } catch (e) {
    ports.logger.error(
      `journey run ${run.run.id}: webhook ${node.webhookId} could not be loaded (${(e as Error).message}); retrying in ${RELOAD_RETRY_MS / 1000} s`,
    );
    run.retryAt(new Date(now.getTime() + RELOAD_RETRY_MS + Math.floor(Math.random() * 1_000)));
    return undefined;
  }
  const unusable = unusableWebhook(node.webhookId, webhook);
  let row: Message | undefined;
  let error = unusable;
  if (webhook && !unusable) {
    try {
      const item = {
        webhook,
        source: 'journey' as const,
        event: MANUAL_MESSAGE_EVENTS.journey,
        sourceId: run.run.id,
        journeyId: run.run.journeyId,
        customer: run.customer ? { ...customerView(run.customer), id: run.customer.id } : undefined,
        context: run.templateContext(),
      };
      await ports.deliveries.prepare([item]);
      [row] = ports.deliveries.render([item], now);
    } catch (e) {
      error = `the message could not be rendered: ${(e as Error).message}`;
    }
  }
  // A message deferred by quiet hours is waited for like a pending one: the run goes on once it is sent. A skipped
  // one (an opt-out now, a frequency cap when stored) is closed by commit(), which sees every skip.
  if (row && (row.status === 'pending' || row.status === 'deferred' || row.status === 'skipped')) {
    run.waitForDelivery(node, row.id, now, { webhookId: node.webhookId });
    return row;
  }
  // Not sendable: the node fails now (a row the engine stored as failed is still kept, for the log).
  error = row?.lastError ?? error ?? 'the message failed';
  run.setNodeResult(node.id, { deliveryId: row?.id ?? null, outcome: 'failed', response: null, error });
  run.log(node, 'failed', now, now, { webhookId: node.webhookId, error }, row?.id ?? null);
  ports.metrics.journeySteps.inc({ type: 'webhook', outcome: 'failed' });
  afterMessage(run, node, false, error, now);
  return row;
}

/** The engine stored the message `skipped` (an opt-out, a frequency cap): not a failure, the run goes on. */
function skipMessage(run: RunPort, node: WebhookNode, row: Pick<Message, 'id' | 'skipReason'>, ports: EffectPorts, now: Date): void {
  const reason = row.skipReason ?? 'skipped';
  run.setNodeResult(node.id, { deliveryId: row.id, outcome: 'skipped', skipReason: reason, response: null });
  run.closeStep('skipped', now, { skipReason: reason });
  ports.metrics.journeySteps.inc({ type: 'webhook', outcome: 'skipped' });
  run.advance(node);
}

export const webhookNode: NodeType<WebhookNode, Message> = {
  type: 'webhook',
  fields: ['webhookId', 'onFailure', 'next'],
  links: ['next'],
  countsOwnSteps: true,

  validate(node, path, { add }) {
    if (!isId(node.webhookId)) add(`${path}.webhookId`, idCode(node.webhookId), 'must be a webhook id', ID_RANGE);
    if (node.onFailure !== undefined && node.onFailure !== 'continue' && node.onFailure !== 'stop') {
      add(`${path}.onFailure`, 'is_in', 'must be continue or stop', { values: ['continue', 'stop'] });
    }
  },

  references: (node, path) => [{ kind: 'manual_webhook', id: node.webhookId, path: `${path}.webhookId` }],

  successor: (node) => node.next ?? null,

  effect: {
    start: startMessage,

    async commit(m, work, ports, now) {
      if (!work.length) return;
      await ports.deliveries.store(
        m,
        work.map((w) => w.work),
      );
      for (const { run, node, work: row } of work) if (row.status === 'skipped') skipMessage(run, node, row, ports, now);
    },

    async committed(work, ports) {
      const rows = work.map((w) => w.work).filter((r) => r.status === 'pending');
      if (rows.length) await ports.deliveryQueue.enqueue(rows, { batch: true });
    },

    /** Runs whose message settled (delivered, or finally failed) go on; the others were woken early and wait on. */
    async resume(runs, ports, now) {
      const { messages, responses } = await ports.outcomes.settled(runs.flatMap(({ run }) => (run.waitingDeliveryId ? [run.waitingDeliveryId] : [])));
      for (const { run, node } of runs) {
        const deliveryId = run.waitingDeliveryId;
        if (!deliveryId) {
          run.fail(`webhook node ${node.id} has no message to wait for`, now);
          continue;
        }
        const message = messages.get(deliveryId);
        if (!message || message.status === 'pending' || message.status === 'sending' || message.status === 'deferred') {
          run.keepWaiting();
          continue;
        }
        if (message.status === 'skipped') {
          skipMessage(run, node, { id: deliveryId, skipReason: null }, ports, now);
          continue;
        }
        const result = webhookResult(deliveryId, message, responses.get(deliveryId));
        run.setNodeResult(node.id, result);
        run.closeStep(result.outcome, now, { response: result.response, error: result.error ?? null });
        ports.metrics.journeySteps.inc({ type: 'webhook', outcome: result.outcome });
        afterMessage(run, node, result.outcome === 'delivered', result.error, now);
      }
    },
  },
};

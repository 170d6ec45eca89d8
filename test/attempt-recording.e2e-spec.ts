import { randomUUID } from 'crypto';
import { AttemptRecorder, SentAttempt } from '../src/deliveries/attempt-recorder.service';
import { DeliveriesService } from '../src/deliveries/deliveries.service';
import { DeliveryRunner } from '../src/deliveries/delivery-runner.service';
import type { Delivery } from '../src/deliveries/delivery.entity';
import { WebhooksService, WebhookWithSecrets } from '../src/webhooks/webhooks.service';
import { untilLockWait } from './support/idle';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

/**
 * A claim can be taken over while its send is in flight (it expired under load and the sweeper
 * handed the row on; another job deferred it). Found under CPU load by delivery-claims: the
 * attempt was inserted while the row's UPDATE (status = 'sending') matched nothing, so the row
 * stayed pending with attempt 1 already stored — every later send of it failed to record on the
 * unique attempt number, and was sent again, every claim period, for ever; and that one row made
 * the whole batch's record fail.
 */
describe('recording attempts of rows whose claim was taken over', () => {
  let t: TestApp;
  let a: TestTenant;
  let webhook: WebhookWithSecrets;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t);
    const id = (await t.http().post('/api/webhooks').set(a.auth).send({ name: 'w', url: 'http://127.0.0.1:9/never-called' }).expect(201)).body.id;
    webhook = await t.app.get(WebhooksService).findWithSecrets(a.id, id);
  });
  afterAll(() => t.close());

  async function claimedRows(n: number): Promise<Delivery[]> {
    return t.app.get(DeliveriesService).create(
      Array.from({ length: n }, () => ({ webhook, source: 'event' as const, event: 'customer/created' })),
      { enqueue: false, claimedBy: { token: randomUUID(), claimMs: 60_000 } },
    );
  }
  const sent = (delivery: Delivery, status = 200): SentAttempt => ({
    delivery: { ...delivery } as Delivery,
    webhook,
    sent: { url: delivery.requestUrl, headers: { 'X-Herald-Attempt': '1' }, body: delivery.requestBody },
    result: { startedAt: new Date(), durationMs: 3, status, responseBody: '{"errcode":0}' },
  });
  const row = async (id: string) => (await t.db.query('SELECT status, attempts, claimToken FROM deliveries WHERE id = ?', [id]))[0];
  const attempts = async (id: string) => await t.db.query('SELECT number, statusCode FROM delivery_attempts WHERE deliveryId = ? ORDER BY number', [id]);

  it('a row put back to pending while its request was on the wire is recorded as sent, not left to be sent again', async () => {
    const [d] = await claimedRows(1);
    await t.db.query("UPDATE deliveries SET status = 'pending', claimToken = NULL, lockedUntil = NULL WHERE id = ?", [d.id]);
    await t.app.get(AttemptRecorder).record([sent(d)]);
    expect(await row(d.id)).toMatchObject({ status: 'delivered', attempts: 1, claimToken: null });
    expect(await attempts(d.id)).toEqual([{ number: 1, statusCode: 200 }]);
  });

  it('an attempt recorded elsewhere first is not recorded twice, and the rest of the batch is recorded', async () => {
    const [taken, other1, other2] = await claimedRows(3);
    const recorder = t.app.get(AttemptRecorder);
    // The worker that took the row over sent and recorded it (with a 500: a retry is due).
    await recorder.record([sent(taken, 500)]);
    const verdicts = await recorder.record([sent(taken), sent(other1), sent(other2)]);
    expect(verdicts).toEqual(['delivered', 'delivered', 'delivered']);
    expect(await row(taken.id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await attempts(taken.id)).toEqual([{ number: 1, statusCode: 500 }]);
    for (const d of [other1, other2]) {
      expect(await row(d.id)).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(await attempts(d.id)).toEqual([{ number: 1, statusCode: 200 }]);
    }
  });

  it('a settled row is not reopened by a late record of the same attempt', async () => {
    const [d] = await claimedRows(1);
    const recorder = t.app.get(AttemptRecorder);
    await recorder.record([sent(d)]);
    await recorder.record([sent(d, 500)]);
    expect(await row(d.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await attempts(d.id)).toEqual([{ number: 1, statusCode: 200 }]);
  });

  it('a record chosen as a deadlock victim is recorded again, not lost to the caller as an error', async () => {
    // A full CI run answered a test send with 503 (the API's answer to ER_LOCK_DEADLOCK) while the
    // worker cancelled and held back rows beside it. Here another transaction holds a shared lock
    // on the row, the record queues for its exclusive lock, the other upgrades: InnoDB kills the
    // lighter side, the record.
    const [d] = await claimedRows(1);
    const [other1] = await claimedRows(1);
    const other = t.db.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await other.query('UPDATE deliveries SET lastError = NULL WHERE id = ?', [other1.id]);
      await other.query('SELECT id FROM deliveries WHERE id = ? LOCK IN SHARE MODE', [d.id]);
      const recorded = t.app
        .get(AttemptRecorder)
        .record([sent(d)])
        .then(
          () => 'ok',
          (e: Error) => e.message,
        );
      await untilLockWait(t.db, 'deliveries'); // was a 300 ms sleep: on a busy machine the record had not queued yet, so no deadlock was tested
      await other.query('UPDATE deliveries SET lastError = NULL WHERE id = ?', [d.id]);
      await other.commitTransaction();
      expect(await recorded).toBe('ok');
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    expect(await row(d.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await attempts(d.id)).toEqual([{ number: 1, statusCode: 200 }]);
  });

  it('a claim chosen as a deadlock victim claims again instead of failing its job (which left the rows for the sweeper, silently)', async () => {
    const [d] = await t.app.get(DeliveriesService).create([{ webhook, source: 'event', event: 'customer/created' }], { enqueue: false });
    const [other1] = await claimedRows(1);
    const other = t.db.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await other.query('UPDATE deliveries SET lastError = NULL WHERE id = ?', [other1.id]);
      await other.query('SELECT id FROM deliveries WHERE id = ? LOCK IN SHARE MODE', [d.id]);
      const ran = t.app
        .get(DeliveryRunner)
        .runMany([d.id])
        .then(
          (outcomes) => outcomes.length,
          (e: Error) => e.message,
        );
      await untilLockWait(t.db, 'deliveries'); // was a 300 ms sleep: on a busy machine the claim had not queued yet, so no deadlock was tested
      await other.query('UPDATE deliveries SET lastError = NULL WHERE id = ?', [d.id]);
      await other.commitTransaction();
      expect(await ran).toBe(1);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    // The receiver's port refuses connections: one attempt, a retry due.
    expect(await row(d.id)).toMatchObject({ status: 'pending', attempts: 1 });
  });
});

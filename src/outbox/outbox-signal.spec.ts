import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import type { Env } from '../config/env';
import { OutboxSignal } from './outbox-signal';

describe('OutboxSignal.notify', () => {
  it('coalesces a burst: one message now, one more after it for the commits meanwhile, then one per later commit', async () => {
    const sent: (() => void)[] = [];
    const client = { publish: jest.fn(() => new Promise<number>((resolve) => sent.push(() => resolve(1)))) };
    const signal = new OutboxSignal({ subscribers: [] } as unknown as DataSource, { REDIS_PREFIX: 'h' } as Env, { client } as unknown as Queue);
    for (let i = 0; i < 50; i++) signal.notify();
    expect(client.publish).toHaveBeenCalledTimes(1);
    sent.shift()!();
    await new Promise((r) => setImmediate(r));
    // The commits during the first message get one sent after it.
    expect(client.publish).toHaveBeenCalledTimes(2);
    sent.shift()!();
    await new Promise((r) => setImmediate(r));
    expect(client.publish).toHaveBeenCalledTimes(2);
    signal.notify();
    expect(client.publish).toHaveBeenCalledTimes(3);
    expect(client.publish).toHaveBeenLastCalledWith('h:outbox', '1');
  });

  it('a failed message does not stop the next', async () => {
    const client = { publish: jest.fn().mockRejectedValueOnce(new Error('redis down')).mockResolvedValue(1) };
    const signal = new OutboxSignal({ subscribers: [] } as unknown as DataSource, { REDIS_PREFIX: 'h' } as Env, { client } as unknown as Queue);
    signal.notify();
    signal.notify();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(client.publish).toHaveBeenCalledTimes(2);
  });
});

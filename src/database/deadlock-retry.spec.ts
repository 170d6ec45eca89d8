import { isDeadlock, retryOnDeadlock } from './deadlock-retry';

const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK' });

describe('retryOnDeadlock', () => {
  it('runs the work again after a deadlock and returns its result', async () => {
    let calls = 0;
    const result = await retryOnDeadlock(async () => {
      calls++;
      if (calls < 3) throw deadlock();
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the given attempts with the last deadlock', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw deadlock();
      }, 2),
    ).rejects.toThrow('Deadlock');
    expect(calls).toBe(2);
  });

  it('does not repeat work that failed otherwise', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw new Error('duplicate entry');
      }),
    ).rejects.toThrow('duplicate entry');
    expect(calls).toBe(1);
  });

  it('recognises the driver error wrapped by TypeORM', () => {
    expect(isDeadlock({ driverError: { code: 'ER_LOCK_DEADLOCK' } })).toBe(true);
    expect(isDeadlock({ code: 'ER_LOCK_WAIT_TIMEOUT' })).toBe(false);
    expect(isDeadlock(null)).toBe(false);
  });
});

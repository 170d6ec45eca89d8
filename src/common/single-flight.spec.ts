import { SingleFlight } from './single-flight';

describe('SingleFlight', () => {
  it('shares the call in flight for the same key, and calls again once it has answered', async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    const call = () => new Promise<number>((r) => setTimeout(() => r(++calls), 5));
    const [a, b, c] = await Promise.all([flight.run('k', call), flight.run('k', call), flight.run('other', call)]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(calls).toBe(2);
    expect(await flight.run('k', call)).toBe(3);
  });

  it('shares a failure too, and forgets it', async () => {
    const flight = new SingleFlight<number>();
    const failing = () => Promise.reject(new Error('db down'));
    await expect(Promise.all([flight.run('k', failing), flight.run('k', failing)])).rejects.toThrow('db down');
    expect(await flight.run('k', async () => 7)).toBe(7);
  });
});

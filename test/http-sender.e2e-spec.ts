import http from 'http';
import type { AddressInfo } from 'net';
import { Env } from '../src/config/env';
import { FREE_SOCKET_MS, HttpSender } from '../src/deliveries/http-sender.service';
import { until } from './support/until';

/**
 * A pooled socket keeps its TCP keep-alive setting across requests. axios sets a 60 s delay on
 * every request's socket and the agent set its own 1 s back when the socket was freed: two
 * setsockopt calls per message (6 % of a mass-sending worker's CPU). Counted on the sockets' handles.
 */
describe('HttpSender keep-alive sockets', () => {
  let server: http.Server;
  let url: string;
  const sender = new HttpSender(Object.assign(new Env(), { ALLOW_PRIVATE_TARGETS: true }));

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('{"errcode":0}'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    sender.onApplicationShutdown();
    await new Promise((r) => server.close(r));
  });

  it('reuses sockets without touching their keep-alive option on each request', async () => {
    const send = () => sender.send({ method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: '{"a":1}', timeoutMs: 5_000 });
    let connections = 0;
    server.on('connection', () => connections++);
    const sockets = new Set<unknown>();
    let optionCalls = 0;
    // Watch each socket's handle from its first request on.
    const watch = (socket: { _handle?: { setKeepAlive: (...a: unknown[]) => unknown } }) => {
      const handle = socket._handle;
      if (!handle || sockets.has(handle)) return;
      sockets.add(handle);
      const original = handle.setKeepAlive.bind(handle);
      handle.setKeepAlive = (...a: unknown[]) => {
        optionCalls++;
        return original(...a);
      };
    };
    const agent = (sender as unknown as { agents: http.Agent[] }).agents[0];
    agent.on('free', watch);
    for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: 10 }, send));
    optionCalls = 0;
    const results = [];
    for (let round = 0; round < 10; round++) results.push(...(await Promise.all(Array.from({ length: 10 }, send))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(sockets.size).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(10);
    expect(optionCalls).toBe(0);
  });

  it('closes a pooled socket left idle, before a receiver with a 5 s keep-alive timeout closes it under the next request', async () => {
    // This receiver keeps idle sockets a minute: only the sender can close its socket.
    const open = new Set<unknown>();
    const patient = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('{}'));
    });
    patient.keepAliveTimeout = 60_000;
    patient.on('connection', (s) => {
      open.add(s);
      s.on('close', () => open.delete(s));
    });
    await new Promise<void>((r) => patient.listen(0, '127.0.0.1', r));
    try {
      const to = `http://127.0.0.1:${(patient.address() as AddressInfo).port}/hook`;
      const result = await sender.send({ method: 'POST', url: to, headers: {}, body: '{}', timeoutMs: 5_000 });
      expect(result.status).toBe(200);
      expect(open.size).toBe(1);
      expect(FREE_SOCKET_MS).toBeLessThan(5_000);
      await until(
        async () => open.size,
        (n) => n === 0,
        FREE_SOCKET_MS + 3_000,
        'the idle socket closed by the sender',
      );
    } finally {
      await new Promise((r) => patient.close(r));
    }
  });

  it('a request whose answer takes longer than the idle-socket limit is still answered (the limit is for idle sockets only)', async () => {
    const slow = http.createServer((req, res) => {
      req.resume();
      setTimeout(() => res.end('late'), FREE_SOCKET_MS + 1_000);
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const to = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook`;
      const result = await sender.send({ method: 'POST', url: to, headers: {}, body: '{}', timeoutMs: FREE_SOCKET_MS + 5_000 });
      expect(result).toMatchObject({ status: 200, responseBody: 'late' });
    } finally {
      await new Promise((r) => slow.close(r));
    }
  });
});

import axios from 'axios';
import http from 'http';
import type { AddressInfo, Socket } from 'net';
import zlib from 'zlib';
import { Env } from '../src/config/env';
import { HttpSender, RESPONSE_BODY_CAP, type AttemptResult, type OutboundRequest } from '../src/deliveries/http-sender.service';

/**
 * The sender's own axios adapter (node-http-adapter.ts) against axios's http adapter configured as
 * the sender had it: the same request, sent by both to a real local server, must end the same —
 * status, response headers and body, truncation, error class and error text — and arrive the same:
 * method, target, raw header lines in order, body.
 */
type Answer = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

interface Arrived {
  method?: string;
  url?: string;
  rawHeaders: string[];
  body: string;
}

describe('HttpSender adapter: the same outcomes as axios’s http adapter', () => {
  let server: http.Server;
  let base: string;
  const answers = new Map<string, Answer>();
  const arrived: Arrived[] = [];
  const sockets = new Set<Socket>();
  const senders: HttpSender[] = [];

  /** Ours, and the sender as it was: axios.create with axios's http adapter over the same agents. */
  function pair(env: Partial<Env> = { ALLOW_PRIVATE_TARGETS: true }): { ours: HttpSender; axiosHttp: HttpSender } {
    const ours = new HttpSender(Object.assign(new Env(), env));
    const axiosHttp = new HttpSender(Object.assign(new Env(), env));
    const [httpAgent, httpsAgent] = (axiosHttp as unknown as { agents: http.Agent[] }).agents;
    Object.assign(axiosHttp, {
      client: axios.create({
        adapter: 'http',
        httpAgent,
        httpsAgent,
        proxy: false,
        maxRedirects: 0,
        validateStatus: () => true,
        responseType: 'stream',
        decompress: true,
        transformRequest: [(data: unknown) => data],
      }),
    });
    senders.push(ours, axiosHttp);
    return { ours, axiosHttp };
  }
  const { ours, axiosHttp } = pair();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        arrived.push({ method: req.method, url: req.url, rawHeaders: req.rawHeaders, body: body.toString() });
        res.setHeader('Date', 'Sat, 05 Dec 2026 09:00:00 GMT');
        const answer = answers.get(new URL(req.url!, 'http://x').pathname);
        if (answer) answer(req, res, body);
        else res.end('{"errcode":0}');
      });
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of senders) s.onApplicationShutdown();
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });

  const request = (path: string, over: Partial<OutboundRequest> = {}): OutboundRequest => ({
    method: 'POST',
    url: base + path,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Herald/test',
      'X-Herald-Event': 'broadcast',
      'X-Herald-Message-Id': '0a1b2c3d-0000-4000-8000-000000000001',
      'X-Herald-Attempt': '1',
    },
    body: '{"msgtype":"text","text":{"content":"小明 您好"}}',
    timeoutMs: 5_000,
    ...over,
  });
  const outcome = (r: AttemptResult) => ({ ...r, startedAt: undefined, durationMs: undefined });

  /** Sends with both; returns ours (outcome and what arrived) after checking axios's is the same. */
  async function both(req: OutboundRequest, a = axiosHttp, b = ours, sameArrivals = true): Promise<{ result: ReturnType<typeof outcome>; got: Arrived[] }> {
    arrived.length = 0;
    const before = outcome(await a.send(req));
    const fromAxios = arrived.splice(0);
    const after = outcome(await b.send(req));
    const fromOurs = arrived.splice(0);
    expect(after).toEqual(before);
    if (sameArrivals) expect(fromOurs).toEqual(fromAxios);
    return { result: after, got: fromOurs };
  }

  it('a 200: the request arrives byte for byte the same, and the answer is read the same', async () => {
    answers.set('/ok', (_, res) => {
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('X-Answer', '  spaced  ');
      res.end('{"errcode":0,"name":"张三"}');
    });
    const { result, got } = await both(request('/ok?x=1&y=%E4%B8%AD#frag'));
    expect(result).toMatchObject({ status: 200, responseBody: '{"errcode":0,"name":"张三"}', truncated: false });
    expect(result.responseHeaders).toMatchObject({ 'set-cookie': 'a=1, b=2', 'x-answer': 'spaced' });
    expect(got[0]).toMatchObject({ method: 'POST', url: '/ok?x=1&y=%E4%B8%AD', body: '{"msgtype":"text","text":{"content":"小明 您好"}}' });
    const names = got[0].rawHeaders.filter((_, i) => i % 2 === 0);
    expect(names).toEqual([
      'Accept',
      'Content-Type',
      'User-Agent',
      'X-Herald-Event',
      'X-Herald-Message-Id',
      'X-Herald-Attempt',
      'Content-Length',
      'Accept-Encoding',
      'Host',
      'Connection',
    ]);
  });

  it('GET, PUT, DELETE; headers given in another case, with blanks or characters a header cannot carry', async () => {
    await both(request('/get', { method: 'GET', body: undefined }));
    await both(request('/put', { method: 'PUT' }));
    await both(request('/delete', { method: 'DELETE', body: undefined }));
    await both(request('/empty', { body: '' }));
    const { got } = await both(
      request('/headers', {
        headers: { 'Content-Type': 'application/json', 'user-agent': 'Custom/1', accept: 'text/plain', 'X-Name': ' 中文 name\u0001 ', 'X-Tab': 'a\tb' },
      }),
    );
    expect(got[0].rawHeaders).toEqual(expect.arrayContaining(['X-Name', 'name']));
    const noUserAgent = await both(request('/no-ua', { headers: { 'X-Only': '1' } }));
    expect(noUserAgent.got[0].rawHeaders).toContain(`axios/${axios.VERSION}`);
  });

  it('decompresses gzip, deflate (zlib and raw) and br as axios does, and leaves other codings alone', async () => {
    const text = JSON.stringify({ errcode: 0, message: '好'.repeat(200) });
    const coded: Record<string, Buffer> = {
      gzip: zlib.gzipSync(text),
      'x-gzip': zlib.gzipSync(text),
      deflate: zlib.deflateSync(text),
      'deflate-raw': zlib.deflateRawSync(text),
      br: zlib.brotliCompressSync(text),
      identity: Buffer.from(text),
      zstd: Buffer.from('not really zstd'),
    };
    for (const [name, bytes] of Object.entries(coded)) {
      answers.set(`/coded-${name}`, (_, res) => {
        res.setHeader('Content-Encoding', name === 'deflate-raw' ? 'deflate' : name);
        res.end(bytes);
      });
      const { result } = await both(request(`/coded-${name}`));
      if (!['identity', 'zstd'].includes(name)) expect(result).toMatchObject({ status: 200, responseBody: text });
      if (!['identity', 'zstd'].includes(name)) expect(result.responseHeaders!['content-encoding']).toBeUndefined();
    }
    answers.set('/coded-corrupt', (_, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end('this is not gzip');
    });
    const corrupt = await both(request('/coded-corrupt'));
    expect(corrupt.result).toMatchObject({ errorClass: 'network', error: 'incorrect header check' });
    answers.set('/coded-204', (_, res) => {
      res.writeHead(204, { 'Content-Encoding': 'gzip' });
      res.end();
    });
    expect((await both(request('/coded-204'))).result.responseHeaders!['content-encoding']).toBeUndefined();
  });

  it('the response cap: a long answer, plain or compressed, is cut at the same byte', async () => {
    const long = 'x'.repeat(3 * RESPONSE_BODY_CAP);
    answers.set('/long', (_, res) => res.end(long));
    answers.set('/long-gzip', (_, res) => {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(zlib.gzipSync(long));
    });
    for (const path of ['/long', '/long-gzip']) {
      const { result } = await both(request(path));
      expect(result).toMatchObject({ status: 200, truncated: true });
      expect(result.responseBody).toHaveLength(RESPONSE_BODY_CAP);
    }
  });

  it('a redirect is an answer, never followed', async () => {
    answers.set('/redirect', (_, res) => {
      res.writeHead(302, { Location: `${base}/followed` });
      res.end();
    });
    const { result, got } = await both(request('/redirect'));
    expect(result).toMatchObject({ status: 302, responseHeaders: expect.objectContaining({ location: `${base}/followed` }) });
    expect(got.map((g) => g.url)).toEqual(['/redirect']);
  });

  it('timeouts: no answer at all, and headers sent but the body stalled', async () => {
    answers.set('/silent', () => undefined);
    answers.set('/stalls', (_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"partial":');
    });
    for (const path of ['/silent', '/stalls']) {
      const { result } = await both(request(path, { timeoutMs: 300 }));
      expect(result).toEqual({ errorClass: 'timeout', error: 'no complete answer within 300 ms', startedAt: undefined, durationMs: undefined });
    }
  });

  it('network errors: refused, reset, reset mid-body, DNS, TLS, a bad URL — the same class and text', async () => {
    answers.set('/reset', (req) => req.socket.destroy());
    answers.set('/reset-mid-body', (req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"partial":');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const cases: [OutboundRequest, string][] = [
      [request('', { url: 'http://127.0.0.1:9/closed' }), 'refused'],
      [request('/reset'), 'reset'],
      [request('/reset-mid-body'), 'reset'],
      [request('', { url: 'http://no-such-host.invalid/hook' }), 'dns'],
      [request('', { url: `${base.replace('http:', 'https:')}/tls` }), 'tls'],
      [request('', { url: 'ftp://127.0.0.1/x' }), 'network'],
      [request('', { url: 'not a url' }), 'network'],
    ];
    for (const [req, errorClass] of cases) {
      const { result } = await both(req);
      expect({ url: req.url, errorClass: result.errorClass }).toEqual({ url: req.url, errorClass });
      expect(result.error).toBeTruthy();
    }
  });

  it('SSRF: request-filtering-agent refuses a private target the same way; nothing arrives', async () => {
    const strict = pair({ ALLOW_PRIVATE_TARGETS: false });
    const { result, got } = await both(request('/private'), strict.axiosHttp, strict.ours);
    expect(result.errorClass).toBe('blocked');
    expect(result.error).toMatch(/is not allowed/);
    expect(got).toEqual([]);
  });

  it('an abort before the request is sent, and many requests at once on the pooled sockets', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => ours.send(request(`/many-${i}`))));
    expect(results.every((r) => r.status === 200 && r.responseBody === '{"errcode":0}')).toBe(true);
    // Aborted at once: whether the request still reaches the server is a race, for both adapters.
    const { result } = await both(request('/silent', { timeoutMs: 0 }), axiosHttp, ours, false);
    expect(result.errorClass).toBe('timeout');
  });
});

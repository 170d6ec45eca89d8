import { createServer, Server } from 'http';
import type { AddressInfo } from 'net';
import pino from 'pino';
import pinoHttp, { Options } from 'pino-http';
import { Writable } from 'stream';
import type { LogFormat } from './log-format';
import { loggerParams } from './logger-params';

const SECRETS = {
  authorization: 'Bearer hk_api-key-never-logged',
  cookie: 'herald_session=session-never-logged',
  'x-admin-token': 'admin-token-never-logged',
  'x-shared': 'trigger-token-never-logged',
};
const SET_COOKIE = 'herald_session=set-cookie-never-logged; HttpOnly';
const NEVER_LOGGED = ['hk_api-key-never-logged', 'session-never-logged', 'admin-token-never-logged', 'trigger-token-never-logged', 'set-cookie-never-logged'];

/** pino's options and stream as nestjs-pino gets them, writing into a string. */
function capture(level: string, format: LogFormat) {
  let out = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const { pinoHttp: params } = loggerParams(level, format, sink);
  const [options, stream] = params as [Options, pino.DestinationStream];
  return { options, stream, output: () => out };
}

/** A real HTTP server behind pino-http (what nestjs-pino mounts), answering 200 (503 on /broken) with a secret cookie. */
async function serve(options: Options, stream: pino.DestinationStream): Promise<Server> {
  const log = pinoHttp(options, stream);
  const server = createServer((req, res) => {
    log(req, res);
    res.setHeader('Set-Cookie', SET_COOKIE);
    res.statusCode = req.url === '/broken' ? 503 : 200;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function call(server: Server, path: string): Promise<void> {
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: SECRETS });
  await res.text();
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('loggerParams', () => {
  it.each(['json', 'pretty'] as const)('%s: a request with secret headers is logged, every secret masked', async (format) => {
    const c = capture('debug', format);
    const server = await serve(c.options, c.stream);
    try {
      await call(server, '/api/customers?limit=1');
      await until(() => c.output().includes('/api/customers?limit=1'));
    } finally {
      server.close();
    }
    for (const secret of NEVER_LOGGED) expect(c.output()).not.toContain(secret);
    if (format === 'json') {
      const line = JSON.parse(c.output().trim());
      expect(line.level).toBe(30);
      expect(line.req.headers).toMatchObject({ authorization: '[masked]', cookie: '[masked]', 'x-admin-token': '[masked]', 'x-shared': '[masked]' });
      expect(line.res.headers['set-cookie']).toBe('[masked]');
    } else {
      expect(c.output()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] DEBUG: GET \/api\/customers\?limit=1 200 \d+ ms\n$/);
    }
  });

  it('pretty: requests are quiet at info, a 5xx is one error line (the filter logs its stack)', async () => {
    const c = capture('info', 'pretty');
    const server = await serve(c.options, c.stream);
    try {
      await call(server, '/ok');
      await call(server, '/broken');
      await until(() => c.output().includes('/broken'));
    } finally {
      server.close();
    }
    expect(c.output()).toMatch(/^\[[\d:.]+\] ERROR: GET \/broken 503 \d+ ms\n$/);
  });

  it('json: requests stay at info, for production logs', async () => {
    const c = capture('info', 'json');
    const server = await serve(c.options, c.stream);
    try {
      await call(server, '/missing');
      await until(() => c.output().includes('/missing'));
    } finally {
      server.close();
    }
    expect(JSON.parse(c.output()).level).toBe(30);
  });

  it.each(['json', 'pretty'] as const)('%s: Nest start-up lines (modules, routes) are debug; other info lines stay', (format) => {
    const quiet = capture('info', format);
    const logger = pino(quiet.options, quiet.stream);
    logger.info({ context: 'RoutesResolver' }, 'CustomersController {/api/customers}:');
    logger.info({ context: 'RouterExplorer' }, 'Mapped {/api/customers, GET} route');
    logger.info({ context: 'InstanceLoader' }, 'AppModule dependencies initialized');
    logger.info({ context: 'NestApplication' }, 'Nest application successfully started');
    logger.warn({ context: 'Console' }, 'console not built');
    expect(quiet.output().trim().split('\n')).toHaveLength(2);
    expect(quiet.output()).not.toMatch(/Mapped|CustomersController|InstanceLoader/);
    expect(quiet.output()).toContain('Nest application successfully started');

    const debug = capture('debug', format);
    pino(debug.options, debug.stream).info({ context: 'RouterExplorer' }, 'Mapped {/api/customers, GET} route');
    expect(debug.output()).toMatch(format === 'json' ? /"level":20,.*Mapped/ : /DEBUG: \[RouterExplorer\] Mapped/);
  });

  it('pretty: one line per event, the context first and other fields after the message', () => {
    const c = capture('info', 'pretty');
    pino(c.options, c.stream).info({ context: 'BroadcastsService', broadcastId: 7 }, 'mass send 7 completed');
    expect(c.output()).toMatch(/^\[[\d:.]+\] INFO: \[BroadcastsService\] mass send 7 completed \{"broadcastId":7\}\n$/);
  });
});

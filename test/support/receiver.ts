import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

export interface Received {
  method: string;
  path: string;
  /** The request target as sent, with its query (a DingTalk robot's signature is there). */
  url: string;
  headers: IncomingMessage['headers'];
  /** The raw body bytes as received: signatures are verified over these. */
  raw: Buffer;
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait before answering (simulates a slow receiver). */
  delayMs?: number;
  /** Destroy the connection instead of answering. */
  reset?: boolean;
}

export type Handler = (req: Received, nth: number) => Reply | Promise<Reply>;

/** A real HTTP receiver on 127.0.0.1 with per-path behaviour; records every request it gets. */
export class Receiver {
  readonly requests: Received[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly sockets = new Set<Socket>();
  private server!: Server;
  private inFlight = 0;
  maxInFlight = 0;
  port = 0;
  /** Off for benchmarks: a million recorded requests would measure the receiver's memory. */
  keepBodies = true;

  static async start(): Promise<Receiver> {
    const r = new Receiver();
    r.server = createServer((req, res) => void r.handle(req, res));
    r.server.on('connection', (s) => {
      r.sockets.add(s);
      s.on('close', () => r.sockets.delete(s));
    });
    await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
    r.port = (r.server.address() as AddressInfo).port;
    return r;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string, handler: Handler): this {
    this.handlers.set(path, handler);
    return this;
  }

  at(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  async waitFor(path: string, count: number, timeoutMs = 20_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.at(path).length < count) {
      if (Date.now() > deadline) throw new Error(`receiver got ${this.at(path).length}/${count} requests on ${path}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.at(path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0];
    const received: Received = { method: req.method ?? '', path, url: req.url ?? '/', headers: req.headers, raw: Buffer.concat(chunks), at: Date.now() };
    const nth = this.keepBodies ? this.requests.push(received) && this.at(path).length : 0;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const handler: Handler = this.handlers.get(path) ?? (() => ({ status: 200, body: '{"ok":true}' }));
      const reply: Reply = await handler(received, nth);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (reply.reset) return void req.socket.destroy();
      res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    } finally {
      this.inFlight--;
    }
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

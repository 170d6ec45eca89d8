/**
 * A raw HTTP client for hostile requests: any bytes as the body, any Content-Type (or none), any
 * path. Node's http module, so nothing is normalised or re-encoded on the way out. Never throws:
 * a connection error or a timeout is an answer with status 0.
 */
import http from 'http';

export interface RawRequest {
  method: string;
  /** Already encoded: sent as it is. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed JSON body, when it is JSON. */
  json?: any;
  /** Why there is no answer (status 0). */
  error?: string;
}

export class Http {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  /** Sees every answer (the secrets test reads them all). */
  onAnswer?: (req: RawRequest, answer: Answer) => void;
  constructor(
    readonly base: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async send(req: RawRequest): Promise<Answer> {
    const answer = await this.exchange(req);
    this.onAnswer?.(req, answer);
    return answer;
  }

  private exchange(req: RawRequest): Promise<Answer> {
    const url = new URL(this.base);
    return new Promise<Answer>((resolve) => {
      const headers: Record<string, string | number> = { ...req.headers };
      if (req.body !== undefined) headers['Content-Length'] = Buffer.byteLength(req.body);
      const r = http.request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => resolve({ status: 0, headers: {}, text: '', error: `response: ${e.message}` }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          if (/json/.test(String(res.headers['content-type'] ?? ''))) {
            try {
              json = JSON.parse(text);
            } catch {
              // not JSON after all: the text stays
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      });
      r.setTimeout(this.timeoutMs, () => r.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      r.on('error', (e) => resolve({ status: 0, headers: {}, text: '', error: e.message }));
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  }

  /** JSON in, JSON out, with a bearer token: the ordinary client for setup. */
  async json(method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send({
      method,
      path,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    });
  }

  /** Like json(), but anything other than 2xx is an error naming the call. */
  async ok(method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<any> {
    const res = await this.json(method, path, body, token, headers);
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.error ?? res.text.slice(0, 2000)}`);
    return res.json ?? res.text;
  }

  close(): void {
    this.agent.destroy();
  }
}

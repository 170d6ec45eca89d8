import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Axios } from 'axios';
import http from 'http';
import https from 'https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import type { Readable } from 'stream';
import { Env, targetAllowlist } from '../config/env';
import { nodeHttpAdapter } from './node-http-adapter';
import { classifyError, ErrorClass, parseRetryAfter } from './retry-policy';

/** Response bodies are recorded up to this size; the rest is dropped, not read into memory. */
export const RESPONSE_BODY_CAP = 64 * 1024;

export interface OutboundRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
}

export interface AttemptResult {
  startedAt: Date;
  durationMs: number;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  truncated?: boolean;
  errorClass?: ErrorClass;
  error?: string;
  retryAfterMs?: number;
}

/** A pooled socket idle this long is closed: under the common 5 s server keep-alive timeout, with room for a busy event loop. */
export const FREE_SOCKET_MS = 4_000;

/** TCP keep-alive delay of pooled sockets: the 60 s axios's own http adapter set on every request's socket. */
const SOCKET_KEEPALIVE_MS = 60_000;
/** axios's default headers (Content-Type's place only): kept so requests go out as they did with axios's defaults. */
const AXIOS_DEFAULT_ACCEPT = 'application/json, text/plain, */*';

/**
 * Sends one HTTP request and reports what happened; never throws for the receiver's faults.
 * Redirects are not followed. Unless ALLOW_PRIVATE_TARGETS, request-filtering-agent refuses
 * private, loopback and link-local addresses on the resolved address at connect time (but those
 * of TARGET_ALLOWLIST).
 */
@Injectable()
export class HttpSender implements OnApplicationShutdown {
  private readonly client: Axios;
  private readonly agents: (http.Agent | https.Agent)[];

  constructor(env: Env) {
    // keepAliveMsecs is the 60 s axios's http adapter set on every request's socket (each request
    // flipping it against the agent's own 1 s cost two setsockopt calls per message); our adapter
    // leaves the socket to the agent, which sets it once.
    // timeout: a pooled socket idle for FREE_SOCKET_MS is closed here, before the receiver's keep-alive
    // timeout (Node's 5 s) closes it under our next request ("socket hang up"; 20 of those opened the circuit for a minute).
    const options = { keepAlive: true, keepAliveMsecs: SOCKET_KEEPALIVE_MS, maxSockets: 512, maxFreeSockets: 512, timeout: FREE_SOCKET_MS };
    const filtered = { ...options, allowIPAddressList: targetAllowlist(env.TARGET_ALLOWLIST) };
    const httpAgent = env.ALLOW_PRIVATE_TARGETS ? new http.Agent(options) : new RequestFilteringHttpAgent(filtered);
    const httpsAgent = env.ALLOW_PRIVATE_TARGETS ? new https.Agent(options) : new RequestFilteringHttpsAgent(filtered);
    this.agents = [httpAgent, httpsAgent];
    // A bare Axios, not axios.create(): that merges axios's global defaults (eleven header buckets,
    // transforms, env, transitional) into every request's config, half of axios's own per-request
    // CPU for options the sender does not use. No transforms: the body is already a string and
    // the answer a stream. Redirects are never followed (the adapter has none to follow), the
    // answer is decompressed, every status is an answer (the retry policy judges it).
    this.client = new Axios({
      adapter: nodeHttpAdapter({ http: httpAgent, https: httpsAgent }),
      validateStatus: () => true,
      responseType: 'stream',
      decompress: true,
      maxRedirects: 0,
      headers: { Accept: AXIOS_DEFAULT_ACCEPT, 'Content-Type': undefined },
    });
  }

  async send(request: OutboundRequest): Promise<AttemptResult> {
    const startedAt = new Date();
    const started = performance.now();
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, request.timeoutMs);
    try {
      const response = await this.client.request<Readable>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: request.body,
        signal: abort.signal,
      });
      const { body, truncated } = await readCapped(response.data);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined && value !== null) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      return {
        startedAt,
        durationMs: Math.round(performance.now() - started),
        status: response.status,
        responseHeaders: headers,
        responseBody: body,
        truncated,
        retryAfterMs: parseRetryAfter(headers['retry-after'], Date.now()),
      };
    } catch (error) {
      const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
      const errorClass = timedOut ? 'timeout' : classifyError(e.cause?.code ? e.cause : e);
      const message = timedOut ? `no complete answer within ${request.timeoutMs} ms` : (e.message ?? String(error));
      return { startedAt, durationMs: Math.round(performance.now() - started), errorClass, error: message.slice(0, 500) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** After the worker's jobs have finished (WorkerShutdown): destroying agents earlier cuts in-flight requests. */
  onApplicationShutdown(): void {
    for (const agent of this.agents) agent.destroy();
  }
}

/** Reads the body up to the cap, then stops reading. Plain 'data' events: an async iterator per response cost measurable CPU. */
function readCapped(stream: Readable): Promise<{ body: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (size + buf.length > RESPONSE_BODY_CAP) {
        chunks.push(buf.subarray(0, RESPONSE_BODY_CAP - size));
        stream.destroy();
        done(true);
        return;
      }
      chunks.push(buf);
      size += buf.length;
    };
    // Only our own listener: the stream may have others (axios's) that are not ours to remove.
    const done = (truncated: boolean) => {
      stream.off('data', onData);
      resolve({ body: (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8'), truncated });
    };
    stream.on('data', onData);
    stream.once('end', () => done(false));
    stream.once('error', reject);
  });
}

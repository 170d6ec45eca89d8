import axios, { AxiosError, AxiosHeaders, CanceledError, type AxiosAdapter, type AxiosResponse, type RawAxiosHeaders } from 'axios';
import http from 'http';
import https from 'https';
import { pipeline, Transform, type Readable } from 'stream';
import zlib from 'zlib';

/**
 * An axios adapter (axios's documented extension point, `adapter:` in its config) for the sender:
 * one HTTP/1.1 request over Node's `http`/`https` with the given agents (request-filtering-agent,
 * keep-alive, socket limits), answering with the response as a stream. It does on the wire what
 * axios's own http adapter does for the options the sender uses (proxy off, no redirects followed,
 * decompression on, responseType 'stream', no axios timeout: the sender's signal aborts) and
 * nothing else: no proxy and environment lookups, no follow-redirects, no progress streams, no
 * form-data or blob handling, no per-request setKeepAlive — that general machinery was most of
 * axios's share of a mass-sending worker's CPU. test/http-sender-adapter.e2e-spec.ts holds the
 * two adapters to the same outcomes.
 */
export function nodeHttpAdapter(agents: { http: http.Agent; https: https.Agent }): AxiosAdapter {
  return (config) =>
    new Promise<AxiosResponse>((resolve, reject) => {
      const signal = config.signal as AbortSignal | undefined;
      if (signal?.aborted) return reject(new CanceledError(undefined, config));
      let target: Target;
      try {
        target = requestTarget(String(config.url));
      } catch (error) {
        return reject(error instanceof AxiosError ? Object.assign(error, { config }) : error);
      }
      const body = typeof config.data === 'string' ? config.data : Buffer.isBuffer(config.data) ? config.data : undefined;
      const req = (target.secure ? https : http).request({
        protocol: target.secure ? 'https:' : 'http:',
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method: String(config.method).toUpperCase(),
        headers: wireHeaders(config.headers, body, target.auth !== undefined),
        agent: target.secure ? agents.https : agents.http,
        auth: target.auth,
        insecureHTTPParser: false,
      });
      let response: Readable | undefined;
      const abort = () => {
        const error = new CanceledError(undefined, config, req);
        if (response && !response.destroyed) response.destroy(error);
        req.destroy(error);
        reject(error);
      };
      const finished = () => signal?.removeEventListener('abort', abort);
      signal?.addEventListener('abort', abort);
      req.on('error', (error) => {
        finished();
        reject(AxiosError.from(error, undefined, config, req));
      });
      req.on('response', (res) => {
        if (req.destroyed) return;
        res.once('close', finished);
        response = decompressed(res, String(config.method).toUpperCase());
        const status = res.statusCode ?? 0;
        const answer: AxiosResponse = {
          data: response,
          status,
          statusText: res.statusMessage ?? '',
          headers: new AxiosHeaders(res.headers as RawAxiosHeaders),
          config,
          request: req,
        };
        // axios's settle(): validateStatus decides (the sender takes every status).
        if (!status || !config.validateStatus || config.validateStatus(status)) resolve(answer);
        else
          reject(
            new AxiosError(
              `Request failed with status code ${status}`,
              status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE,
              config,
              req,
              answer,
            ),
          );
      });
      req.end(body || undefined);
    });
}

/** Where a URL's request goes, as axios's adapter derives it (path and query, no fragment; credentials in the URL as basic auth). */
export interface Target {
  secure: boolean;
  hostname: string;
  port: string;
  path: string;
  auth?: string;
}

const targets = new Map<string, Target>();
/** A mass send posts to one URL many times: parse it once. Bounded (a robot's signed URLs differ per message). */
const TARGET_CACHE = 256;

export function requestTarget(url: string): Target {
  let target = targets.get(url);
  if (target) return target;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new AxiosError(`Unsupported protocol ${parsed.protocol}`, AxiosError.ERR_BAD_REQUEST);
  const credentials = parsed.username || parsed.password ? `${decodeSafe(parsed.username)}:${decodeSafe(parsed.password)}` : undefined;
  target = {
    secure: parsed.protocol === 'https:',
    hostname: parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname,
    port: parsed.port,
    path: parsed.pathname + parsed.search,
    auth: credentials,
  };
  if (targets.size >= TARGET_CACHE) targets.clear();
  targets.set(url, target);
  return target;
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** What axios's adapter advertises by default (zstd only behind a flag): it decompresses these. */
export const ACCEPT_ENCODING = 'gzip, compress, deflate' + (typeof zlib.createBrotliDecompress === 'function' ? ', br' : '');

/**
 * The header lines as axios's adapter sends them: its merged headers (names already merged
 * case-insensitively by axios), values cleaned to a byte string (control and non-Latin-1
 * characters dropped, outer blanks trimmed — Node would refuse them), then, unless given, its
 * User-Agent, the body's Content-Length and Accept-Encoding. URL credentials replace Authorization.
 */
export function wireHeaders(
  headers: Record<string, unknown> | undefined,
  body: string | Buffer | undefined,
  urlAuth = false,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const names = new Set<string>();
  for (const name of Object.keys(headers ?? {})) {
    const value = headers![name];
    if (value === undefined || value === null || value === false) continue;
    const lower = name.toLowerCase();
    if (urlAuth && lower === 'authorization') continue;
    out[name] = Array.isArray(value) ? value.map(byteString) : byteString(value);
    names.add(lower);
  }
  if (!names.has('user-agent')) out['User-Agent'] = `axios/${axios.VERSION}`;
  if (body && !names.has('content-length')) out['Content-Length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  if (!names.has('accept-encoding')) out['Accept-Encoding'] = ACCEPT_ENCODING;
  return out;
}

function byteString(value: unknown): string {
  return String(value)
    .replace(/[^\t\x20-\x7e\x80-\xff]+/g, '')
    .replace(/^[\t ]+|[\t ]+$/g, '');
}

const zlibOptions = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const brotliOptions = { flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/**
 * The body as axios hands it over with `decompress`: gzip/compress, deflate (zlib-wrapped or raw)
 * and br undone and their content-encoding header removed; other codings left as they came.
 */
function decompressed(res: http.IncomingMessage, method: string): Readable {
  const coding = res.headers['content-encoding'];
  if (!coding) return res;
  if (method === 'HEAD' || res.statusCode === 204) {
    delete res.headers['content-encoding'];
    return res;
  }
  let decoder: Transform[];
  switch (coding.toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
    case 'compress':
    case 'x-compress':
      decoder = [zlib.createUnzip(zlibOptions)];
      break;
    case 'deflate':
      decoder = [new ZlibHeader(), zlib.createUnzip(zlibOptions)];
      break;
    case 'br':
      decoder = [zlib.createBrotliDecompress(brotliOptions)];
      break;
    default:
      return res;
  }
  delete res.headers['content-encoding'];
  return pipeline([res, ...decoder], () => undefined) as unknown as Readable;
}

/** Raw deflate (no zlib header) gets one, as axios's ZlibHeaderTransformStream does, so one inflater reads both forms. */
class ZlibHeader extends Transform {
  private first = true;

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null, data?: Buffer) => void): void {
    if (this.first && chunk.length) {
      this.first = false;
      // A zlib stream starts with CMF 0x78 (deflate, 32 KB window); anything else is raw deflate.
      if (chunk[0] !== 0x78) this.push(Buffer.from([0x78, 0x9c]));
    }
    callback(null, chunk);
  }
}

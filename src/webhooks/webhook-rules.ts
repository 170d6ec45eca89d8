/** Cross-field rules for a webhook's configuration. Pure: returns field problems (path, code, params), no Nest imports. */
import type { ErrorParams, FieldProblem } from '../common/api-error';
import type { FieldCode } from '../common/error-codes';
import { serializeBody } from '../templates/serialize-body';
import { compileTemplate, renderTemplate, RenderLimits, TemplateError } from '../templates/render-template';
import { sampleContext } from '../outbox/template-sample';
import { isStandardSecret, SignatureScheme } from '../signing/sign';
import type { HttpMethod, TriggerType } from './webhook.entity';

export interface WebhookConfig {
  name: string;
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  bodyTemplate: unknown;
  secret: string | null;
  signatureScheme: SignatureScheme;
  basicAuthUsername: string | null;
  basicAuthPassword: string | null;
  triggerType: TriggerType;
  events: string[];
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Headers Herald sets itself; a webhook cannot override them. */
const RESERVED =
  /^(host|content-length|content-type|transfer-encoding|connection|keep-alive|upgrade|te|trailer|user-agent|x-herald-.*|x-clab-hmac-signature.*|webhook-(id|timestamp|signature))$/i;
export const MAX_HEADERS = 30;
/**
 * What HTTP can carry in a header value (Node's own rule: tab, visible ASCII and space, Latin-1).
 * Anything else was dropped silently on the way out ("中文" arrived as "") or, in an inbound
 * trigger's response, answered 500.
 */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{0,4096}$/;
const MAX_HEADER_VALUE = 4096;
/** A body template's JSON (as sent to the API) may be this large; it is parsed and kept per webhook in every worker. */
export const MAX_TEMPLATE_BYTES = 64 * 1024;

type Errors = Record<string, string[]>;

/** One problem: the message is "<path> <message>", as the answers always said. */
const problem = (path: string, message: string, code: FieldCode, params?: ErrorParams): FieldProblem => ({
  path,
  code,
  ...(params ? { params } : {}),
  message: `${path} ${message}`,
});

/** The problems of a set of extra request headers (a webhook's, an inbound trigger's response). */
export function headerProblems(headers: Record<string, unknown>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const entries = Object.entries(headers);
  if (entries.length > MAX_HEADERS) out.push(problem('headers', `must have at most ${MAX_HEADERS} entries`, 'max_entries', { max: MAX_HEADERS }));
  for (const [name, value] of entries) {
    const field = `headers.${name}`;
    if (!TOKEN.test(name)) out.push(problem(field, 'is not a valid header name', 'header_name'));
    else if (RESERVED.test(name)) out.push(problem(field, 'is set by Herald and cannot be overridden', 'header_reserved'));
    else if (typeof value !== 'string') out.push(problem(field, 'must be a string', 'is_string'));
    else if (!HEADER_VALUE.test(value)) {
      out.push(
        problem(field, `must be one line of at most ${MAX_HEADER_VALUE} characters, printable ASCII or Latin-1`, 'header_value', { max: MAX_HEADER_VALUE }),
      );
    }
  }
  return out;
}

/** headerProblems as a `{path: messages}` map, for callers that still collect one. */
export function checkHeaders(headers: Record<string, unknown>, errors: Errors): void {
  for (const p of headerProblems(headers)) (errors[p.path] ??= []).push(p.message);
}

/** Moves `https://user:pass@host/` credentials into basic auth (DMS style). */
export function splitUserinfo(url: string): { url: string; username?: string; password?: string } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url };
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), username, password };
}

/**
 * Checks a whole configuration. With `limits`, the body template is also rendered once for a
 * sample customer: one that goes past the per-message limits already is refused here.
 */
export function checkWebhookConfig(config: WebhookConfig, limits?: RenderLimits): FieldProblem[] {
  const out = headerProblems(config.headers);
  if (config.basicAuthUsername && Object.keys(config.headers).some((h) => h.toLowerCase() === 'authorization')) {
    out.push(problem('headers.Authorization', 'cannot be combined with basic auth', 'basic_auth_header'));
  }
  if (config.signatureScheme !== 'none' && !config.secret) {
    out.push(problem('secret', `is required for signature scheme ${config.signatureScheme}`, 'secret_required', { scheme: config.signatureScheme }));
  }
  if (config.signatureScheme === 'standard' && config.secret && !isStandardSecret(config.secret)) {
    out.push(problem('secret', 'must be whsec_ followed by at least 24 base64 bytes for Standard Webhooks', 'standard_secret'));
  }
  if (config.triggerType === 'event' && config.events.length === 0) {
    out.push(problem('events', 'must name at least one fixed event for trigger type event', 'events_required'));
  }
  if (config.triggerType === 'manual' && config.events.length > 0) {
    out.push(problem('events', 'must be empty for trigger type manual (mass sends, tests, journeys and forms)', 'events_not_allowed'));
  }
  out.push(...templateProblems(config, limits));
  return out;
}

/** The body template's problems alone (a preview of an unsaved template checks only these). */
export function templateProblems(config: Pick<WebhookConfig, 'bodyTemplate' | 'signatureScheme' | 'events'>, limits?: RenderLimits): FieldProblem[] {
  if (config.bodyTemplate === null || config.bodyTemplate === undefined) return [];
  const bytes = Buffer.byteLength(typeof config.bodyTemplate === 'string' ? config.bodyTemplate : JSON.stringify(config.bodyTemplate));
  if (bytes > MAX_TEMPLATE_BYTES) {
    return [
      problem('bodyTemplate', `must be at most ${MAX_TEMPLATE_BYTES} bytes of JSON (it has ${bytes})`, 'too_large', { max: MAX_TEMPLATE_BYTES, actual: bytes }),
    ];
  }
  const out: FieldProblem[] = [];
  try {
    const compiled = compileTemplate(config.bodyTemplate);
    if (config.signatureScheme === 'dms' && compiled.root.kind !== 'object') {
      out.push(problem('bodyTemplate', 'must be a JSON object for the dms signature scheme (signature fields are added to it)', 'dms_object'));
    }
    if (config.signatureScheme === 'feishu' && compiled.root.kind !== 'object') {
      out.push(problem('bodyTemplate', 'must be a JSON object for the feishu signature scheme (timestamp and sign are added to it)', 'feishu_object'));
    }
    if (limits) serializeBody(renderTemplate(compiled, sampleContext(config.events), limits), limits.outputChars, 'bodyTemplate');
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    out.push(error.toProblem());
  }
  return out;
}

/** Cross-field rules for a webhook's configuration. Pure: returns field errors, no Nest imports. */
import { serializeBody } from '../deliveries/message-body';
import { compileTemplate, renderTemplate, RenderLimits, TemplateError } from '../templates/render-template';
import { sampleContext } from '../templates/template-sample';
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
const RESERVED = /^(host|content-length|content-type|transfer-encoding|connection|keep-alive|upgrade|te|trailer|user-agent|x-herald-.*|x-clab-hmac-signature.*|webhook-(id|timestamp|signature))$/i;
export const MAX_HEADERS = 30;
/**
 * What HTTP can carry in a header value (Node's own rule: tab, visible ASCII and space, Latin-1).
 * Anything else was dropped silently on the way out ("中文" arrived as "") or, in an inbound
 * trigger's response, answered 500.
 */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{0,4096}$/;
/** A body template's JSON (as sent to the API) may be this large; it is parsed and kept per webhook in every worker. */
export const MAX_TEMPLATE_BYTES = 64 * 1024;

type Errors = Record<string, string[]>;
const add = (errors: Errors, field: string, message: string) => (errors[field] ??= []).push(`${field} ${message}`);

export function checkHeaders(headers: Record<string, unknown>, errors: Errors): void {
  const entries = Object.entries(headers);
  if (entries.length > MAX_HEADERS) add(errors, 'headers', `must have at most ${MAX_HEADERS} entries`);
  for (const [name, value] of entries) {
    const field = `headers.${name}`;
    if (!TOKEN.test(name)) add(errors, field, 'is not a valid header name');
    else if (RESERVED.test(name)) add(errors, field, 'is set by Herald and cannot be overridden');
    else if (typeof value !== 'string') add(errors, field, 'must be a string');
    else if (!HEADER_VALUE.test(value)) add(errors, field, 'must be one line of at most 4096 characters, printable ASCII or Latin-1');
  }
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
export function checkWebhookConfig(config: WebhookConfig, limits?: RenderLimits): Errors {
  const errors: Errors = {};
  checkHeaders(config.headers, errors);
  if (config.basicAuthUsername && Object.keys(config.headers).some((h) => h.toLowerCase() === 'authorization')) {
    add(errors, 'headers.Authorization', 'cannot be combined with basic auth');
  }
  if (config.signatureScheme !== 'none' && !config.secret) {
    add(errors, 'secret', `is required for signature scheme ${config.signatureScheme}`);
  }
  if (config.signatureScheme === 'standard' && config.secret && !isStandardSecret(config.secret)) {
    add(errors, 'secret', 'must be whsec_ followed by at least 24 base64 bytes for Standard Webhooks');
  }
  if (config.triggerType === 'event' && config.events.length === 0) {
    add(errors, 'events', 'must name at least one fixed event for trigger type event');
  }
  if (config.triggerType === 'manual' && config.events.length > 0) {
    add(errors, 'events', 'must be empty for trigger type manual (mass sends, tests, journeys and forms)');
  }
  const templateBytes = config.bodyTemplate == null ? 0 : Buffer.byteLength(typeof config.bodyTemplate === 'string' ? config.bodyTemplate : JSON.stringify(config.bodyTemplate));
  if (templateBytes > MAX_TEMPLATE_BYTES) {
    add(errors, 'bodyTemplate', `must be at most ${MAX_TEMPLATE_BYTES} bytes of JSON (it has ${templateBytes})`);
  } else if (config.bodyTemplate !== null && config.bodyTemplate !== undefined) {
    try {
      const compiled = compileTemplate(config.bodyTemplate);
      if (config.signatureScheme === 'dms' && compiled.root.kind !== 'object') {
        add(errors, 'bodyTemplate', 'must be a JSON object for the dms signature scheme (signature fields are added to it)');
      }
      if (limits) serializeBody(renderTemplate(compiled, sampleContext(config.events), limits), limits.outputChars, 'bodyTemplate');
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      (errors[error.path] ??= []).push(error.message);
    }
  }
  return errors;
}

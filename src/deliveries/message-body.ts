/** What a message says: the rendering context, and the body (template or default). Pure. */
import { CompiledTemplate, renderTemplate, RenderLimits, TemplateError } from '../templates/render-template';

export interface CustomerLike {
  id: number;
  name: string | null;
  wechatNickname: string | null;
  mobile: string | null;
  email: string | null;
  activityScore: number;
  attributes: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * First and last name for DCE's FirstName/LastName: attributes win; else "Alice Chen" splits at the
 * last space, and a CJK name like "王小明" is surname "王" + given name "小明".
 */
export function splitName(name: string | null, attributes: Record<string, unknown>): [string | null, string | null] {
  const first = typeof attributes.firstName === 'string' ? attributes.firstName : undefined;
  const last = typeof attributes.lastName === 'string' ? attributes.lastName : undefined;
  if (first !== undefined || last !== undefined) return [first ?? null, last ?? null];
  const trimmed = name?.trim();
  if (!trimmed) return [null, null];
  const words = trimmed.split(/\s+/);
  if (words.length > 1) return [words.slice(0, -1).join(' '), words[words.length - 1]];
  const chars = Array.from(trimmed);
  if (chars.length > 1 && /\p{Script=Han}/u.test(chars[0])) return [chars.slice(1).join(''), chars[0]];
  return [trimmed, null];
}

/** The `customer` namespace of templates and of the default body; dates as ISO strings. */
export function customerView(c: CustomerLike): Record<string, unknown> {
  const [firstName, lastName] = splitName(c.name, c.attributes ?? {});
  return {
    id: c.id, name: c.name, wechatNickname: c.wechatNickname, mobile: c.mobile, email: c.email,
    activityScore: c.activityScore, attributes: c.attributes ?? {}, createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(), firstName, lastName, enabled: true,
  };
}

export interface MessageInput {
  messageId: string;
  event: string;
  tenantId: number;
  sentAt: Date;
  webhook: { id: number; name: string };
  customer: Record<string, unknown> | null;
  /** Other namespaces: event, broadcast, journey, form, submission, inbound. */
  context: Record<string, unknown>;
  /** The body to send when there is no template (a fixed event's exact payload). */
  defaultBody?: unknown;
}

export function renderMessageBody(template: CompiledTemplate | null, input: MessageInput, limits?: RenderLimits): unknown {
  if (template) {
    return renderTemplate(template, {
      ...input.context,
      customer: input.customer,
      message: { id: input.messageId, timestamp: input.sentAt.toISOString() },
      webhook: input.webhook,
    }, limits);
  }
  if (input.defaultBody !== undefined) return input.defaultBody;
  return {
    event: input.event,
    messageId: input.messageId,
    sentAt: input.sentAt.toISOString(),
    tenantId: input.tenantId,
    customer: input.customer,
    context: input.context,
  };
}

/** The body as sent (compact JSON), or a TemplateError naming `path` when it is over `maxBytes`. */
export function serializeBody(body: unknown, maxBytes: number, path: string): string {
  const json = JSON.stringify(body);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most bodies skip the exact count.
  if (json.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(json);
    if (bytes > maxBytes) {
      throw new TemplateError(path, `renders to ${bytes} bytes, over the ${maxBytes}-byte limit of a message body`, 'body_too_large', { bytes, max: maxBytes });
    }
  }
  return json;
}

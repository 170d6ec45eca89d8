/** What a message says: the rendering context, and the body (template or default). Pure. */
import { CompiledTemplate, renderTemplate, RenderLimits, TemplateError } from '../templates/render-template';

// The customer's template view is customers' own: re-exported only until the outbox relay imports it from customers.
export { customerView } from '../customers/customer-template-view';

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

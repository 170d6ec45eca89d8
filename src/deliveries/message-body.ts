/** What a message says: the rendering context, and the body (template or default). Pure. */
import { CompiledTemplate, renderTemplate, RenderLimits } from '../templates/render-template';

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
  /** The customer's one-click opt-out link (`{{ unsubscribe_url }}`); null without a customer. */
  unsubscribeUrl?: string | null;
}

export function renderMessageBody(template: CompiledTemplate | null, input: MessageInput, limits?: RenderLimits): unknown {
  if (template) {
    return renderTemplate(
      template,
      {
        ...input.context,
        customer: input.customer,
        message: { id: input.messageId, timestamp: input.sentAt.toISOString() },
        webhook: input.webhook,
        unsubscribe_url: input.unsubscribeUrl ?? null,
      },
      limits,
    );
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

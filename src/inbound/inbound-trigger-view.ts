import type { InboundRequestView, InboundTriggerView } from './dto/inbound-trigger-view.dto';
import type { InboundRequest } from './inbound-request.entity';
import type { InboundTrigger, TriggerSecrets } from './inbound-trigger.entity';

/** What the API shows: secrets as their masked hints, or in clear the ones in `revealed` (once: on creation and rotation). */
export function toTriggerView(t: InboundTrigger, publicUrl: string, revealed: TriggerSecrets = {}): InboundTriggerView {
  const { hmac, standardWebhooks, token, ipAllowlist } = t.checks;
  const shown = (name: keyof TriggerSecrets) => revealed[name] ?? t.checks[name]?.hint ?? null;
  return {
    id: t.id,
    name: t.name,
    key: t.key,
    url: `${publicUrl.replace(/\/$/, '')}/hooks/${t.key}`,
    enabled: t.enabled,
    methods: t.methods,
    mode: t.mode,
    syncTimeoutMs: t.syncTimeoutMs,
    journeyId: t.journeyId,
    response: t.response,
    customerMatch: t.customerMatch,
    idHeader: t.idHeader,
    checks: {
      hmac: hmac ? { header: hmac.header, algorithm: hmac.algorithm, secret: shown('hmac') } : null,
      standardWebhooks: standardWebhooks ? { secret: shown('standardWebhooks') } : null,
      token: token ? { header: token.header, value: shown('token') } : null,
      ipAllowlist: ipAllowlist ?? [],
    },
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

export function toRequestView(r: InboundRequest): InboundRequestView {
  return {
    id: String(r.id),
    receivedAt: r.createdAt,
    method: r.method,
    clientIp: r.clientIp,
    headers: r.headers,
    query: r.query,
    body: r.body,
    bodyTruncated: r.bodyTruncated,
    deliveryKey: r.deliveryKey,
    verdict: r.verdict,
    status: r.status,
    runId: r.runId === null ? null : String(r.runId),
    error: r.error,
    response: r.response,
    durationMs: r.durationMs,
  };
}

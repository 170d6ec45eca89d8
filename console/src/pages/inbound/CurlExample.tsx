import { Card, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import type { InboundTrigger } from '../../lib/models';
import { absoluteUrl } from '../forms/formUrl';
import type { Revealed } from './secrets';
import { hmacHeaderValue, standardSignature } from './signing';

/** A body that exercises the customer match: `data.phone` → {"phone": "13800138000"}. */
export function sampleBody(t: InboundTrigger): string {
  const body: Record<string, unknown> = { orderId: 'A1001' };
  const path = t.customerMatch?.mobile ?? t.customerMatch?.email;
  if (path?.startsWith('data.')) {
    const keys = path.split('.').slice(1);
    let at = body;
    keys.forEach((k, i) => {
      if (i === keys.length - 1) at[k] = t.customerMatch?.mobile ? '13800138000' : 'someone@example.com';
      else at = (at[k] = {}) as Record<string, unknown>;
    });
  }
  return JSON.stringify(body);
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * 调用示例: a curl command ready to paste. Signatures are computed here, with WebCrypto, while
 * the secret is on screen (just created or rotated); afterwards they are placeholders.
 */
export function CurlExample({ trigger, revealed }: { trigger: InboundTrigger; revealed: Revealed }) {
  const { t } = useT();
  const [command, setCommand] = useState('');
  const method = trigger.methods.includes('POST') ? 'POST' : trigger.methods[0];
  const body = method === 'GET' ? '' : sampleBody(trigger);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const headers: string[] = [];
      if (body) headers.push('Content-Type: application/json');
      const { hmac, standardWebhooks, token } = trigger.checks;
      if (hmac) {
        const value = revealed.hmac ? await hmacHeaderValue(hmac.algorithm, revealed.hmac, body) : null;
        headers.push(`${hmac.header}: ${value ?? `${hmac.algorithm}=<${t('inbound.curl.hmacOf')}>`}`);
      }
      if (standardWebhooks) {
        const id = `msg_${Date.now().toString(36)}`;
        const ts = Math.floor(Date.now() / 1000);
        const sig = revealed.standardWebhooks ? await standardSignature(revealed.standardWebhooks, id, ts, body) : null;
        headers.push(`webhook-id: ${id}`, `webhook-timestamp: ${ts}`, `webhook-signature: ${sig ?? `v1,<${t('inbound.curl.standardOf')}>`}`);
      }
      if (token) headers.push(`${token.header}: ${revealed.token ?? `<${t('inbound.curl.token')}>`}`);
      const lines = [`curl -X ${method} ${quote(absoluteUrl(trigger.url))}`, ...headers.map((h) => `  -H ${quote(h)}`)];
      if (body) lines.push(`  --data-raw ${quote(body)}`);
      if (!cancelled) setCommand(lines.join(' \\\n'));
    })();
    return () => {
      cancelled = true;
    };
  }, [trigger, revealed, body, method, t]);
  const signed = !!(revealed.hmac || revealed.standardWebhooks || revealed.token);
  return (
    <Card size="small" title={t('inbound.curl')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {signed
          ? t('inbound.curl.signedNow')
          : trigger.checks.hmac || trigger.checks.standardWebhooks || trigger.checks.token
            ? t('inbound.curl.placeholders')
            : t('inbound.curl.plain')}
      </Typography.Paragraph>
      {/* Wrapped, not scrolled: the signature is long and the column narrow; the copy button copies the real lines. */}
      <pre
        data-testid="curl-example"
        style={{ background: '#f6f8fa', padding: 12, borderRadius: 6, fontSize: 12, margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
      >
        {command}
      </pre>
      <Typography.Text copyable={{ text: command }} type="secondary" style={{ fontSize: 12 }}>
        {t('inbound.curl.copy')}
      </Typography.Text>
    </Card>
  );
}

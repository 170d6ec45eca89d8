import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { CustomerLink } from '../../components/Names';
import { DeliveryStatus, RunStatus } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import type { FormSubmission, HeraldForm } from '../../lib/models';
import { fmtTime } from '../../lib/format';
import { namesOf, useJourneys, useWebhooks } from '../../lib/useLookups';
import { useKeyset } from '../../lib/useKeyset';

/** A stored answer as the visitor saw it: option values become their labels. */
function show(value: unknown, options: Map<string, string> | undefined): string {
  if (value === null || value === undefined) return '—';
  const label = (v: unknown) => options?.get(String(v)) ?? String(v);
  if (Array.isArray(value)) return value.map(label).join(', ');
  return label(value);
}

/** 提交记录: what visitors sent, and what each submission caused — messages (→ their detail) and journey runs (→ the run). */
export function Submissions({ form }: { form: HeraldForm }) {
  const { t } = useT();
  const list = useKeyset(
    ['form', form.id, 'submissions'],
    (after, signal) =>
      data(client.GET('/api/forms/{id}/submissions', { params: { path: { id: form.id }, query: { after: after ? Number(after) : undefined } }, signal })),
    {
      pollWhile: (items) =>
        items.some(
          (s) =>
            s.deliveries.some((d) => d.status === 'pending' || d.status === 'sending') || s.runs.some((r) => r.status === 'active' || r.status === 'waiting'),
        ),
    },
  );
  const webhooks = namesOf(useWebhooks().data);
  const journeys = namesOf(useJourneys().data);
  const labels = new Map(form.fields.map((f) => [f.name, f.label]));
  const options = new Map(form.fields.map((f) => [f.name, new Map((f.options ?? []).map((o) => [o.value, o.label]))]));
  return (
    <KeysetTable<FormSubmission>
      list={list}
      emptyText={t('forms.noSubmissions')}
      size="small"
      data-testid="submissions"
      columns={[
        { title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
        {
          title: t('forms.answers'),
          dataIndex: 'data',
          render: (data: Record<string, unknown>) => (
            <Flex vertical style={{ maxWidth: 360 }}>
              {Object.entries(data).map(([k, v]) => (
                <span key={k}>
                  <Typography.Text type="secondary">{labels.get(k) ?? k}:</Typography.Text> {show(v, options.get(k))}
                </span>
              ))}
            </Flex>
          ),
        },
        { title: t('delivery.customer'), key: 'customer', render: (_, s) => <CustomerLink customer={s.customer} /> },
        {
          title: t('forms.caused'),
          key: 'caused',
          render: (_, s) => (
            <Flex vertical gap={4}>
              {s.deliveries.map((d) => (
                <Link key={d.id} to={`/deliveries/${d.id}`} data-testid="submission-delivery">
                  <Tag>{webhooks.get(d.webhookId) ?? `Webhook #${d.webhookId}`}</Tag>
                  <DeliveryStatus status={d.status} />
                </Link>
              ))}
              {s.runs.map((r) => (
                <Link key={r.id} to={`/journey-runs/${r.id}`} data-testid="submission-run">
                  <Tag color="geekblue">{journeys.get(r.journeyId) ?? `#${r.journeyId}`}</Tag>
                  <RunStatus status={r.status} />
                </Link>
              ))}
              {!s.deliveries.length && !s.runs.length ? <Typography.Text type="secondary">—</Typography.Text> : null}
            </Flex>
          ),
        },
        { title: t('forms.clientAddress'), dataIndex: 'clientAddress', render: (a) => a ?? '—' },
      ]}
    />
  );
}

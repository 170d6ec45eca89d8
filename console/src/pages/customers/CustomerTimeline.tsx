import { ApiOutlined, FormOutlined, NodeIndexOutlined, SendOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Avatar, Card, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LoadMore } from '../../components/LoadMore';
import { QueryState } from '../../components/QueryState';
import { DeliveryStatus, RunStatus, VerdictTag } from '../../components/StatusTag';
import { useT, type MessageKey } from '../../i18n';
import { client, data } from '../../lib/api';
import { fmtTime } from '../../lib/format';
import type { Schemas } from '../../lib/models';
import { useKeyset } from '../../lib/useKeyset';

type Item = Schemas['TimelineItemView'];
type Kind = Item['kind'];

const ICONS: Record<Kind, { icon: ReactNode; color: string }> = {
  message: { icon: <SendOutlined />, color: '#1677ff' },
  journey_run: { icon: <NodeIndexOutlined />, color: '#722ed1' },
  form_submission: { icon: <FormOutlined />, color: '#13a8a8' },
  inbound_request: { icon: <ApiOutlined />, color: '#fa8c16' },
  event: { icon: <ThunderboltOutlined />, color: '#eb2f96' },
};

const VERDICTS_KNOWN = [
  'accepted',
  'answered',
  'timeout',
  'run_failed',
  'duplicate',
  'bad_request',
  'unauthorized',
  'forbidden',
  'disabled',
  'method_not_allowed',
  'too_large',
];

/** Where a link's type opens in the console. */
function pathOf(link: NonNullable<Item['link']>): string {
  switch (link.type) {
    case 'delivery':
      return `/deliveries/${link.id}`;
    case 'journey_run':
      return `/journey-runs/${link.id}`;
    case 'journey':
      return `/journeys/${link.id}`;
    case 'form':
      return `/forms/${link.id}?tab=submissions`;
    case 'inbound_trigger':
      return `/inbound/${link.id}?tab=log`;
    case 'broadcast':
      return `/sends/${link.id}`;
    case 'webhook':
      return `/webhooks/${link.id}`;
    case 'form_submission':
      // Not shown by the API (it names the submission's form instead).
      return '/forms';
  }
}

function Named({ link, fallback }: { link: Item['link'] | undefined; fallback?: string | null }) {
  const { t } = useT();
  if (!link) return <>{fallback ?? t('timeline.unknown')}</>;
  return <Link to={pathOf(link)}>{link.name ?? fallback ?? t('timeline.unknown')}</Link>;
}

/** A sentence with one linked name in it: "发送消息到 {name}". */
function Sentence({ text, name }: { text: string; name: ReactNode }) {
  const [before, after] = text.split('{name}');
  return (
    <>
      {before}
      {name}
      {after}
    </>
  );
}

function StatusOf({ item }: { item: Item }) {
  const { t } = useT();
  if (item.kind === 'message') return <DeliveryStatus status={item.status} at={item.dueAt} skipReason={item.status === 'skipped' ? item.note : null} />;
  if (item.kind === 'journey_run') return <RunStatus status={item.status} />;
  if (item.kind === 'inbound_request' && VERDICTS_KNOWN.includes(item.status)) return <VerdictTag verdict={item.status} />;
  // An event no webhook subscribes to was recorded (journeys saw it) but sent nowhere.
  const status = item.kind === 'event' && item.status === 'relayed' && !item.note ? 'recorded' : item.status;
  const color = status === 'relayed' || status === 'submitted' ? 'success' : 'default';
  return <Tag color={color}>{t(`timeline.status.${status}` as MessageKey)}</Tag>;
}

function Headline({ item }: { item: Item }) {
  const { t } = useT();
  switch (item.kind) {
    case 'message':
      return <Sentence text={t('timeline.message')} name={<Named link={item.target} fallback={item.title} />} />;
    case 'journey_run':
      return <Sentence text={t('timeline.run')} name={<Named link={item.via} fallback={item.title} />} />;
    case 'form_submission':
      return <Sentence text={t('timeline.form')} name={<Named link={item.link} fallback={item.title} />} />;
    case 'inbound_request':
      return <Sentence text={t('timeline.inbound')} name={<Named link={item.link} fallback={item.title} />} />;
    default:
      return <>{item.title ? t(`timeline.event.${item.title}` as MessageKey) : '—'}</>;
  }
}

/** The second line: what made it, the path it took, the link to its own page. */
function Details({ item }: { item: Item }) {
  const { t } = useT();
  const parts: ReactNode[] = [];
  if (item.kind === 'message') {
    if (item.via?.type === 'broadcast')
      parts.push(
        <span key="via">
          {t('timeline.viaBroadcast')}
          <Named link={item.via} />
        </span>,
      );
    if (item.via?.type === 'form')
      parts.push(
        <span key="via">
          {t('timeline.viaForm')}
          <Named link={item.via} />
        </span>,
      );
    if (item.via?.type === 'journey_run')
      parts.push(
        <span key="via">
          {t('timeline.viaRun')}
          <Named link={item.via} />
        </span>,
      );
    // A skipped message's note is its reason, which its status tag says.
    if (item.note && item.status !== 'skipped') parts.push(<span key="note">{item.note}</span>);
    if (item.link)
      parts.push(
        <Link key="open" to={pathOf(item.link)} data-testid="timeline-open-message">
          {t('timeline.openMessage')}
        </Link>,
      );
  }
  if (item.kind === 'journey_run') {
    if (item.path?.length)
      parts.push(
        <span key="path">
          {t('timeline.path')}
          {item.path.map((s) => `${s.label ?? t(`journey.node.${s.type}` as MessageKey)}（${t(`run.outcome.${s.outcome}` as MessageKey)}）`).join(' → ')}
        </span>,
      );
    if (item.note)
      parts.push(
        <Typography.Text key="err" type="danger">
          {item.note}
        </Typography.Text>,
      );
    if (item.link)
      parts.push(
        <Link key="open" to={pathOf(item.link)} data-testid="timeline-open-run">
          {t('timeline.openRun')}
        </Link>,
      );
  }
  if (item.kind === 'form_submission' && item.note) {
    const [messages, runs] = item.note.split('/');
    parts.push(<span key="caused">{t('timeline.formCaused', { messages, runs })}</span>);
  }
  if (item.kind === 'inbound_request') {
    if (item.note) parts.push(<span key="note">{item.note}</span>);
    if (item.via)
      parts.push(
        <span key="run">
          {t('timeline.startedRun')} <Named link={item.via} />
        </span>,
      );
  }
  if (item.kind === 'event') {
    parts.push(
      <Typography.Text key="type" code style={{ fontSize: 12 }}>
        {item.title}
      </Typography.Text>,
    );
    if (item.note) parts.push(<span key="n">{t('timeline.eventMessages', { n: item.note })}</span>);
  }
  if (!parts.length) return null;
  return (
    <Flex wrap gap={12} style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
      {parts}
    </Flex>
  );
}

/** 互动记录: one list, newest first, of what Herald did for the customer and heard about them; 加载更多 pages on. */
export function CustomerTimeline({ customerId }: { customerId: number }) {
  const { t } = useT();
  const list = useKeyset(['customer', customerId, 'timeline'], (after, signal) =>
    data(client.GET('/api/customers/{id}/timeline', { params: { path: { id: customerId }, query: { after, limit: 20 } }, signal })),
  );
  return (
    <Card title={t('timeline.title')} size="small">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('timeline.help')}
      </Typography.Paragraph>
      <QueryState query={list} empty={list.items.length === 0} emptyText={t('timeline.empty')}>
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="timeline">
          {list.items.map((item, i) => (
            <li key={`${item.kind}:${item.id}`} data-testid="timeline-item" data-kind={item.kind}>
              <Flex gap={12}>
                <Flex vertical align="center">
                  <Avatar
                    size={28}
                    icon={ICONS[item.kind].icon}
                    style={{ background: ICONS[item.kind].color, flex: 'none' }}
                    aria-label={t(`timeline.kind.${item.kind}` as MessageKey)}
                  />
                  {i < list.items.length - 1 ? <div style={{ flex: 1, width: 2, background: '#f0f0f0', margin: '4px 0' }} /> : null}
                </Flex>
                <Flex vertical gap={4} style={{ flex: 1, minWidth: 0, paddingBottom: 16 }}>
                  <Flex justify="space-between" wrap gap={8}>
                    <Flex gap={8} wrap align="center" style={{ minWidth: 0 }}>
                      <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                        <Headline item={item} />
                      </Typography.Text>
                      <StatusOf item={item} />
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                      {t(`timeline.kind.${item.kind}` as MessageKey)} · {fmtTime(item.at)}
                    </Typography.Text>
                  </Flex>
                  <Details item={item} />
                </Flex>
              </Flex>
            </li>
          ))}
        </ol>
        <LoadMore query={list} />
      </QueryState>
    </Card>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Typography } from 'antd';
import type { Breakpoint } from 'antd/es/_util/responsiveObserver';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { JourneyStatus } from '../../components/StatusTag';
import { useT, type MessageKey } from '../../i18n';
import { client, data } from '../../lib/api';
import { JOURNEY_STATUSES, type Journey, type JourneyCounters } from '../../lib/models';
import { fmtTime } from '../../lib/format';
import { namesOf, useForms, useGroups, useInboundTriggers } from '../../lib/useLookups';
import { useKeyset } from '../../lib/useKeyset';
import { TriggerSummary } from './TriggerSummary';
import { Can } from '../../lib/permissions';

export const COUNTER_KEYS: (keyof JourneyCounters)[] = ['entered', 'active', 'waiting', 'completed', 'failed', 'cancelled'];

/** 自动流程: every journey with its status and run counters; polled while one is running. */
export default function JourneyList() {
  const { t } = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = JOURNEY_STATUSES.find((s) => s === params.get('status'));
  const list = useKeyset(
    ['journeys', 'list', status],
    (after, signal) => data(client.GET('/api/journeys', { params: { query: { status, after: after ? Number(after) : undefined } }, signal })),
    {
      pollWhile: (items) => items.some((j) => j.counters.active + j.counters.waiting > 0),
    },
  );
  const names = { groups: namesOf(useGroups().data), forms: namesOf(useForms().data), inbound: namesOf(useInboundTriggers().data) };

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('journeys.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Select
            allowClear
            aria-label={t('journeys.filterStatus')}
            placeholder={t('journeys.filterStatus')}
            value={status}
            style={{ width: 160 }}
            data-testid="journey-status-filter"
            onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
            options={JOURNEY_STATUSES.map((s) => ({ value: s, label: t(`journey.status.${s}` as MessageKey) }))}
          />
          <Can perm="journeys:write">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/journeys/new')}>
              {t('journeys.new')}
            </Button>
          </Can>
        </Flex>
      </Flex>
      <KeysetTable<Journey>
        list={list}
        emptyText={status ? t('common.empty') : t('journeys.empty')}
        columns={[
          { title: t('journeys.name'), dataIndex: 'name', render: (n, j) => <Link to={`/journeys/${j.id}`}>{n}</Link> },
          { title: t('journeys.status'), dataIndex: 'status', render: (s) => <JourneyStatus status={s} /> },
          { title: t('journeys.trigger'), dataIndex: 'trigger', responsive: ['md'], render: (tr) => <TriggerSummary trigger={tr} names={names} /> },
          { title: t('journeys.version'), dataIndex: 'version', responsive: ['md'], render: (v) => (v ? `v${v}` : '—') },
          ...COUNTER_KEYS.map((k) => ({
            title: t(`journey.counter.${k}` as MessageKey),
            key: k,
            align: 'right' as const,
            // A phone keeps who came in and who finished; the rest from md up.
            responsive: k === 'entered' || k === 'completed' ? undefined : (['md'] as Breakpoint[]),
            render: (_: unknown, j: Journey) => <span data-testid={`counter-${k}`}>{j.counters[k]}</span>,
          })),
          { title: t('journeys.updatedAt'), dataIndex: 'updatedAt', responsive: ['md'], render: fmtTime },
        ]}
      />
    </>
  );
}

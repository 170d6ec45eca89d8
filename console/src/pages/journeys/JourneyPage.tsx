import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Spin, Statistic, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { JourneyStatus } from '../../components/StatusTag';
import { useT, type MessageKey } from '../../i18n';
import { client, data } from '../../lib/api';
import type { Journey } from '../../lib/models';
import { JourneyActions } from './JourneyActions';
import { COUNTER_KEYS } from './JourneyList';
import { RunList } from './runs/RunList';

// React Flow comes with the editor: the list and run pages never load it.
const JourneyEditor = lazy(() => import('./editor/JourneyEditor'));

const editor = (journey?: Journey, onDirtyChange?: (d: boolean) => void) => (
  <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
    <JourneyEditor journey={journey} onDirtyChange={onDirtyChange} />
  </Suspense>
);

/** A journey: header with status, version, counters and lifecycle buttons; tabs 流程设计 and 运行记录. */
export default function JourneyPage() {
  const { id } = useParams();
  const journeyId = id ? Number(id) : undefined;
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const [dirty, setDirty] = useState(false);
  const journey = useQuery({
    queryKey: ['journey', journeyId],
    queryFn: ({ signal }) => data(client.GET('/api/journeys/{id}', { params: { path: { id: journeyId! } }, signal })),
    enabled: !!journeyId,
    // Counters move while the journey runs or runs are still on their way.
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'active' || q.state.data.counters.active + q.state.data.counters.waiting > 0) ? 2000 : false),
  });
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (!journeyId) {
    return (
      <>
        <Typography.Title level={4}>{t('journeys.new')}</Typography.Title>
        {editor(undefined, setDirty)}
      </>
    );
  }
  const j = journey.data;
  return (
    <QueryState query={journey}>
      {j ? (
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="journey-title">{j.name}</Typography.Title>
              <span data-testid="journey-status"><JourneyStatus status={j.status} /></span>
              <Tag data-testid="journey-version">{j.version ? t('journey.versionN', { v: j.version }) : t('journey.neverActivated')}</Tag>
            </Flex>
            <JourneyActions journey={j} dirty={dirty} />
          </Flex>
          <Card size="small">
            <Row gutter={[8, 8]}>
              {COUNTER_KEYS.map((k) => (
                <Col key={k} xs={8} md={4}>
                  <Statistic title={t(`journey.counter.${k}` as MessageKey)} value={j.counters[k]} data-testid={`journey-counter-${k}`} />
                </Col>
              ))}
            </Row>
          </Card>
          <Tabs
            activeKey={params.get('tab') ?? 'design'}
            onChange={(tab) => setParams(tab === 'design' ? {} : { tab }, { replace: true })}
            items={[
              { key: 'design', label: t('journey.tab.design'), children: editor(j, setDirty) },
              { key: 'runs', label: t('journey.tab.runs'), children: <RunList journeyId={j.id} /> },
            ]}
          />
        </Flex>
      ) : null}
    </QueryState>
  );
}

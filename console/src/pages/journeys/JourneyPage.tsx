import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Spin, Statistic, Tabs, Tag } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { NewRecord, RecordHeader, RecordPage } from '../../components/RecordPage';
import { JourneyStatus } from '../../components/StatusTag';
import { useT, type MessageKey } from '../../i18n';
import { client, data } from '../../lib/api';
import type { Journey } from '../../lib/models';
import { useRecordId, useTabParam } from '../../lib/useRecordPage';
import { JourneyActions } from './JourneyActions';
import { COUNTER_KEYS } from './JourneyList';
import { RunList } from './runs/RunList';
import { QuietHoursOverride } from '../../components/quiet/QuietHoursOverride';
import { ReadOnlyNotice } from '../../components/Permitted';

// React Flow comes with the editor: the list and run pages never load it.
const JourneyEditor = lazy(() => import('./editor/JourneyEditor'));

const editor = (journey?: Journey, onDirtyChange?: (d: boolean) => void) => (
  <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
    <JourneyEditor journey={journey} onDirtyChange={onDirtyChange} />
  </Suspense>
);

/** A journey: header with status, version, counters and lifecycle buttons; tabs 流程设计 and 运行记录. */
export default function JourneyPage() {
  const journeyId = useRecordId();
  const { t } = useT();
  const [tab, setTab] = useTabParam('design');
  const [dirty, setDirty] = useState(false);
  const journey = useQuery({
    queryKey: ['journey', journeyId],
    queryFn: ({ signal }) => data(client.GET('/api/journeys/{id}', { params: { path: { id: journeyId! } }, signal })),
    enabled: !!journeyId,
    // Counters move while the journey runs or runs are still on their way.
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'active' || q.state.data.counters.active + q.state.data.counters.waiting > 0) ? 2000 : false,
  });
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (!journeyId) return <NewRecord title={t('journeys.new')}>{editor(undefined, setDirty)}</NewRecord>;
  return (
    <RecordPage query={journey}>
      {(j) => (
        <>
          <RecordHeader
            title={j.name}
            titleTestId="journey-title"
            tags={
              <>
                <span data-testid="journey-status">
                  <JourneyStatus status={j.status} />
                </span>
                <Tag data-testid="journey-version">{j.version ? t('journey.versionN', { v: j.version }) : t('journey.neverActivated')}</Tag>
              </>
            }
            actions={<JourneyActions journey={j} dirty={dirty} />}
          />
          <ReadOnlyNotice perm="journeys:write" />
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
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'design', label: t('journey.tab.design'), children: editor(j, setDirty) },
              { key: 'runs', label: t('journey.tab.runs'), children: <RunList journeyId={j.id} /> },
              { key: 'sending', label: t('quiet.journeyTab'), children: <QuietHoursOverride scope="journey" id={j.id} /> },
            ]}
          />
        </>
      )}
    </RecordPage>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Flex, Row, Segmented, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { Charts } from './Charts';
import { FirstSteps } from './FirstSteps';
import { Attention, Failures, Journeys, Sends } from './Panels';
import { Tiles } from './Tiles';
import type { OverviewData, OverviewRange } from './types';
import { WebhookTable } from './WebhookTable';

const REFRESH_MS = 10_000;
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Nothing to show yet anywhere: the first-steps card instead of zeros. */
function isNew(o: OverviewData): boolean {
  return (
    !o.totals.created && !o.totals.pending && !o.webhooks.length && !o.running.length && !o.upcoming.length && !o.journeys.length && !o.latestFailures.length
  );
}

/** 概览: the console's home, today or the last 7 days in the browser's zone, refreshed every 10 s. */
export default function Overview() {
  const { t } = useT();
  const errorText = useErrorText();
  const [range, setRange] = useState<OverviewRange>('today');
  const q = useQuery({
    queryKey: ['overview', range, TIME_ZONE],
    queryFn: ({ signal }) => data(client.GET('/api/overview', { params: { query: { range, tz: TIME_ZONE } }, signal })),
    refetchInterval: REFRESH_MS,
    placeholderData: (previous) => previous,
  });
  const o = q.data;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('overview.title')}
        </Typography.Title>
        <Flex align="center" gap={12} wrap>
          {q.dataUpdatedAt ? (
            <Typography.Text type="secondary" data-testid="overview-updated" aria-live="polite">
              {t('overview.updatedAt', { time: dayjs(q.dataUpdatedAt).format('HH:mm:ss') })}
            </Typography.Text>
          ) : null}
          <Segmented<OverviewRange>
            aria-label={t('overview.range')}
            value={range}
            onChange={setRange}
            options={[
              { value: 'today', label: t('overview.today') },
              { value: '7d', label: t('overview.week') },
            ]}
          />
        </Flex>
      </Flex>
      {q.error && !o ? <Alert type="error" showIcon title={errorText(q.error)} /> : null}
      {!o ? (
        q.isLoading ? (
          <Spin style={{ display: 'block', margin: 48 }} />
        ) : null
      ) : isNew(o) ? (
        <FirstSteps />
      ) : (
        <Flex vertical gap={12}>
          <Tiles o={o} />
          <Charts o={o} />
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={14}>
              <WebhookTable o={o} />
            </Col>
            <Col xs={24} lg={10}>
              <Attention o={o} />
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Sends o={o} />
            </Col>
            <Col xs={24} lg={12}>
              <Journeys o={o} />
            </Col>
          </Row>
          <Failures o={o} />
        </Flex>
      )}
    </>
  );
}

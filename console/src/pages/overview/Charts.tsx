import { Card, Col, Empty, Row } from 'antd';
import dayjs from 'dayjs';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useT, type MessageKey } from '../../i18n';
import type { OverviewData } from './types';
import { OUTCOME_COLORS } from '../../lib/chart-colors';

const COLORS = OUTCOME_COLORS;

/** Per hour (today) or per day (7 days): outcomes stacked, messages made as a line; then the same by source. */
export function Charts({ o }: { o: OverviewData }) {
  const { t } = useT();
  const hourly = o.granularity === 'hour';
  const series = o.series.map((p) => ({ ...p, label: dayjs(p.at).format(hourly ? 'HH:00' : 'MM-DD') }));
  const sources = o.bySource.map((s) => ({ ...s, label: t(`delivery.source.${s.source}` as MessageKey) }));
  const empty = o.totals.created + o.totals.delivered + o.totals.failed + o.totals.cancelled === 0;
  const bars = (
    <>
      <Bar dataKey="delivered" name={t('delivery.status.delivered')} stackId="a" fill={COLORS.delivered} isAnimationActive={false} />
      <Bar dataKey="failed" name={t('delivery.status.failed')} stackId="a" fill={COLORS.failed} isAnimationActive={false} />
      <Bar dataKey="cancelled" name={t('delivery.status.cancelled')} stackId="a" fill={COLORS.cancelled} isAnimationActive={false} />
    </>
  );
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={16}>
        <Card size="small" title={hourly ? t('overview.perHour') : t('overview.perDay')}>
          {empty ? (
            <Empty description={hourly ? t('overview.noMessagesToday') : t('overview.noMessagesWeek')} />
          ) : (
            <div
              style={{ width: '100%', height: 260, overflow: 'hidden' }}
              data-testid="overview-series"
              role="img"
              aria-label={hourly ? t('overview.perHour') : t('overview.perDay')}
            >
              <ResponsiveContainer>
                <ComposedChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" fontSize={12} />
                  <YAxis allowDecimals={false} fontSize={12} />
                  <Tooltip />
                  <Legend itemSorter={null} />
                  {bars}
                  <Line dataKey="created" name={t('overview.created')} stroke={COLORS.created} dot={false} strokeWidth={2} isAnimationActive={false} />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('overview.bySource')}>
          {empty ? (
            <Empty />
          ) : (
            <div style={{ width: '100%', height: 260, overflow: 'hidden' }} data-testid="overview-sources" role="img" aria-label={t('overview.bySource')}>
              <ResponsiveContainer>
                <BarChart data={sources} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                  <XAxis type="number" allowDecimals={false} fontSize={12} />
                  <YAxis type="category" dataKey="label" fontSize={12} width={64} />
                  <Tooltip />
                  <Legend itemSorter={null} />
                  {bars}
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}

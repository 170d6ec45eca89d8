import { Card, Col, Row, Statistic } from 'antd';
import { useT } from '../../i18n';
import { DANGER, GOOD, num, pct, rateColor, type OverviewData } from './types';

/** The period's headline numbers; waiting is now, not the period's. */
export function Tiles({ o }: { o: OverviewData }) {
  const { t } = useT();
  const { totals } = o;
  const waiting = totals.pending + totals.sending + totals.deferred;
  const capped = totals.pending >= totals.liveCap || totals.sending >= totals.liveCap || totals.deferred >= totals.liveCap;
  const tiles = [
    // Skipped messages (frequency cap, opt-out) were never sent: beside the count, not in it.
    {
      key: 'sent',
      title: t('overview.sent'),
      value: num(totals.created),
      note: totals.skipped ? t('overview.skippedNote', { n: num(totals.skipped) }) : undefined,
    },
    { key: 'delivered', title: t('overview.delivered'), value: num(totals.delivered), color: GOOD },
    { key: 'failed', title: t('overview.failed'), value: num(totals.failed), color: totals.failed ? DANGER : undefined },
    {
      key: 'rate',
      title: t('overview.successRate'),
      value: totals.successRate === null ? t('overview.noSettled') : pct(totals.successRate),
      color: rateColor(totals.successRate),
    },
    {
      key: 'waiting',
      title: t('overview.waiting'),
      value: `${num(waiting)}${capped ? '+' : ''}`,
      note:
        [totals.sending ? t('overview.sendingNow', { n: num(totals.sending) }) : '', totals.deferred ? `${t('quiet.waiting')} ${num(totals.deferred)}` : '']
          .filter(Boolean)
          .join('，') || undefined,
    },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="overview-tiles">
      {tiles.map((tile) => (
        <Col key={tile.key} xs={12} sm={8} lg={{ flex: '20%' }}>
          <Card size="small" data-testid={`tile-${tile.key}`}>
            <Statistic title={tile.title} value={tile.value} styles={{ content: { color: tile.color, fontSize: 24 } }} />
            {tile.note ? <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 12 }}>{tile.note}</div> : null}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

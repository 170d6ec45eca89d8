import dayjs from 'dayjs';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../../i18n';
import { OUTCOME_COLORS } from '../../lib/chart-colors';
import type { TimelinePoint } from '../../lib/models';

/** Deliveries per minute by outcome (stacked), minutes in the viewer's zone. */
export function TimelineChart({ points }: { points: TimelinePoint[] }) {
  const { t } = useT();
  const data = points.map((p) => ({ ...p, label: dayjs(p.minute).format('MM-DD HH:mm') }));
  return (
    // overflow hidden: the tooltip, kept where it was last drawn, must not widen the page when the screen narrows.
    <div style={{ width: '100%', height: 260, overflow: 'hidden' }} data-testid="timeline-chart">
      <ResponsiveContainer>
        <BarChart data={data} maxBarSize={48} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Legend />
          <Bar dataKey="delivered" name={t('delivery.status.delivered')} stackId="a" fill={OUTCOME_COLORS.delivered} isAnimationActive={false} />
          <Bar dataKey="failed" name={t('delivery.status.failed')} stackId="a" fill={OUTCOME_COLORS.failed} isAnimationActive={false} />
          <Bar dataKey="cancelled" name={t('delivery.status.cancelled')} stackId="a" fill={OUTCOME_COLORS.cancelled} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

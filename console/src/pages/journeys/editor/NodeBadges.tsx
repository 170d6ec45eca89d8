import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useT, type MessageKey } from '../../../i18n';
import type { TraceState } from './trace';
import type { NodeCount } from './useNodeCounts';

/** A test run's node states (borders and tags); dark enough for text on white. */
export const TRACE_COLORS: Record<TraceState, string> = { passed: '#1a7f37', waiting: '#0969da', failed: '#cf222e' };
const TRACE_ICONS = { passed: <CheckCircleFilled />, waiting: <ClockCircleFilled />, failed: <CloseCircleFilled /> };

export function TraceTag({ state }: { state: TraceState }) {
  const { t } = useT();
  return (
    <span
      data-testid="trace-state"
      style={{ fontSize: 11, color: TRACE_COLORS[state], display: 'inline-flex', gap: 3, alignItems: 'center', whiteSpace: 'nowrap' }}
    >
      {TRACE_ICONS[state]}
      {t(`journeyTest.state.${state}` as MessageKey)}
    </span>
  );
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

const PILLS = [
  { key: 'entered', color: '#24292f', bg: '#f6f8fa' },
  { key: 'waiting', color: '#0550ae', bg: '#ddf4ff' },
  { key: 'done', color: '#116329', bg: '#dafbe1' },
  { key: 'failed', color: '#a40e26', bg: '#ffebe9' },
] as const;

/** A node's live counts: 进入 · 等待 · 完成 · 失败 (a zero greys out, so a coloured pill always means someone). */
export function NodeCountsBar({ nodeId, counts }: { nodeId: string; counts: NodeCount }) {
  const { t } = useT();
  return (
    <div
      data-testid={`node-counts-${nodeId}`}
      role="group"
      aria-label={t('nodeCounts.aria', { entered: counts.entered, waiting: counts.waiting, done: counts.done, failed: counts.failed })}
      style={{ display: 'flex', flexWrap: 'wrap', gap: 4, padding: '0 8px 6px' }}
    >
      {PILLS.map((p) => {
        const quiet = p.key !== 'entered' && counts[p.key] === 0;
        return (
          <span
            key={p.key}
            data-testid={`count-${p.key}`}
            data-value={counts[p.key]}
            title={`${t(`nodeCounts.${p.key}` as MessageKey)} ${counts[p.key]}`}
            style={{
              fontSize: 11,
              lineHeight: '16px',
              borderRadius: 8,
              padding: '0 5px',
              color: quiet ? '#57606a' : p.color,
              background: quiet ? '#f6f8fa' : p.bg,
              whiteSpace: 'nowrap',
            }}
          >
            {t(`nodeCounts.${p.key}` as MessageKey)} <strong>{compact.format(counts[p.key])}</strong>
          </span>
        );
      })}
    </div>
  );
}

import { Progress } from 'antd';
import { useT } from '../../i18n';
import type { Broadcast } from '../../lib/models';

/** Done share of a send; the failed share in red. */
export function BroadcastProgress({ b, size }: { b: Broadcast; size?: 'small' | 'default' }) {
  const { t } = useT();
  if (b.status === 'scheduled') return <Progress percent={0} size={size} aria-label={t('sends.progress')} />;
  const total = b.total || 1;
  const done = b.delivered + b.failed + b.cancelled + b.skipped;
  const percent = b.total ? Math.floor((done / total) * 100) : b.fanoutDone ? 100 : 0;
  return (
    <Progress
      percent={percent}
      success={{ percent: Math.floor((b.delivered / total) * 100) }}
      status={b.status === 'sending' ? 'active' : b.failed ? 'exception' : 'normal'}
      size={size}
      aria-label={t('sends.progress')}
      data-testid="broadcast-progress"
    />
  );
}

import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useT, type MessageKey } from '../i18n';

const BROADCAST_COLORS: Record<string, string> = {
  scheduled: 'blue',
  sending: 'processing',
  completed: 'success',
  completed_with_failures: 'warning',
  cancelled: 'default',
};
const DELIVERY_COLORS: Record<string, string> = {
  pending: 'default',
  sending: 'processing',
  delivered: 'success',
  failed: 'error',
  cancelled: 'default',
  skipped: 'purple',
  deferred: 'gold',
};

/** 发送中 / 已完成 / 已完成(有失败) / 已取消 / 已排期, as the send list in DM Hub says it. */
export function BroadcastStatus({ status }: { status: string }) {
  const { t } = useT();
  return <Tag color={BROADCAST_COLORS[status]}>{t(`broadcast.status.${status}` as MessageKey)}</Tag>;
}

/**
 * A message's status. A deferred one says when it goes (`at`, its nextAttemptAt): 延后发送 · 09:00 发送; a skipped one
 * says why: 已跳过 · 超过频次上限 / 客户已退订.
 */
export function DeliveryStatus({ status, at, skipReason }: { status: string; at?: string | null; skipReason?: string | null }) {
  const { t } = useT();
  if (status === 'deferred' && at) {
    const when = dayjs(at);
    const time = when.format(when.isSame(dayjs(), 'day') ? 'HH:mm' : 'MM-DD HH:mm');
    return (
      // Gold's own text colour is too light on gold (axe: contrast): the darkest gold reads.
      <Tag color={DELIVERY_COLORS.deferred} style={{ color: '#874d00' }} title={when.format('YYYY-MM-DD HH:mm:ss')}>
        {t('quiet.deferredAt', { time })}
      </Tag>
    );
  }
  const label = t(`delivery.status.${status}` as MessageKey);
  const reason = status === 'skipped' && skipReason ? ` · ${t(`delivery.skipReason.${skipReason}` as MessageKey)}` : '';
  return <Tag color={DELIVERY_COLORS[status]}>{label + reason}</Tag>;
}

const JOURNEY_COLORS: Record<string, string> = { draft: 'default', active: 'success', paused: 'warning', archived: 'default' };
const RUN_COLORS: Record<string, string> = { active: 'processing', waiting: 'blue', completed: 'success', failed: 'error', cancelled: 'default' };
const VERDICT_COLORS: Record<string, string> = {
  accepted: 'success',
  answered: 'success',
  duplicate: 'blue',
  timeout: 'warning',
  run_failed: 'error',
  bad_request: 'error',
  unauthorized: 'error',
  forbidden: 'error',
  disabled: 'default',
  method_not_allowed: 'error',
  too_large: 'error',
};

/** 草稿 / 运行中 / 已暂停 / 已归档 */
export function JourneyStatus({ status }: { status: string }) {
  const { t } = useT();
  return <Tag color={JOURNEY_COLORS[status]}>{t(`journey.status.${status}` as MessageKey)}</Tag>;
}

export function RunStatus({ status }: { status: string }) {
  const { t } = useT();
  return <Tag color={RUN_COLORS[status]}>{t(`run.status.${status}` as MessageKey)}</Tag>;
}

/** What became of an inbound call (the request log's verdict). */
export function VerdictTag({ verdict }: { verdict: string }) {
  const { t } = useT();
  return <Tag color={VERDICT_COLORS[verdict]}>{t(`inbound.verdict.${verdict}` as MessageKey)}</Tag>;
}

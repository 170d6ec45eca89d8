import { Tag } from 'antd';
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
};

/** 发送中 / 已完成 / 已完成(有失败) / 已取消 / 已排期, as the send list in DM Hub says it. */
export function BroadcastStatus({ status }: { status: string }) {
  const { t } = useT();
  return <Tag color={BROADCAST_COLORS[status]}>{t(`broadcast.status.${status}` as MessageKey)}</Tag>;
}

/** A message's status; a skipped one says why: 已跳过 · 超过频次上限 / 客户已退订. */
export function DeliveryStatus({ status, skipReason }: { status: string; skipReason?: string | null }) {
  const { t } = useT();
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

import { Tag } from 'antd';
import { useT, type MessageKey } from '../i18n';

const BROADCAST_COLORS: Record<string, string> = {
  scheduled: 'blue', sending: 'processing', completed: 'success', completed_with_failures: 'warning', cancelled: 'default',
};
const DELIVERY_COLORS: Record<string, string> = {
  pending: 'default', sending: 'processing', delivered: 'success', failed: 'error', cancelled: 'default',
};

/** 发送中 / 已完成 / 已完成(有失败) / 已取消 / 已排期, as the send list in DM Hub says it. */
export function BroadcastStatus({ status }: { status: string }) {
  const { t } = useT();
  return <Tag color={BROADCAST_COLORS[status]}>{t(`broadcast.status.${status}` as MessageKey)}</Tag>;
}

export function DeliveryStatus({ status }: { status: string }) {
  const { t } = useT();
  return <Tag color={DELIVERY_COLORS[status]}>{t(`delivery.status.${status}` as MessageKey)}</Tag>;
}

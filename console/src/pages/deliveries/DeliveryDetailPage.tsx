import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useParams } from 'react-router';
import { DeliveryDetailView } from '../../components/DeliveryDetailView';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { showSaved } from '../../lib/saved';

/** 消息详情: polls while the message is still on its way (after a retry, say). */
export default function DeliveryDetailPage() {
  const { id } = useParams();
  const { t } = useT();
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: ['delivery', id],
    queryFn: ({ signal }) => data(client.GET('/api/deliveries/{id}', { params: { path: { id: id! } }, signal })),
    refetchInterval: (q) => (q.state.data && ['pending', 'sending'].includes(q.state.data.status) ? 1000 : false),
  });
  return (
    <>
      <Typography.Title level={4}>{t('delivery.title')}</Typography.Title>
      <QueryState query={detail}>
        {detail.data ? <DeliveryDetailView detail={detail.data} onChanged={(d) => void showSaved(queryClient, ['delivery', id], d)} /> : null}
      </QueryState>
    </>
  );
}

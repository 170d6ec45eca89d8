import { SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Popconfirm, Row, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { NewRecord, RecordHeader, RecordPage } from '../../components/RecordPage';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { useDeleteRecord, useRecordId, useTabParam } from '../../lib/useRecordPage';
import { absoluteUrl } from '../forms/formUrl';
import { CurlExample } from './CurlExample';
import { InboundEditor } from './InboundEditor';
import { RequestLog } from './RequestLog';
import { takeHandedOver, type Revealed } from './secrets';
import { SecretsOnce } from './SecretsOnce';
import { Can } from '../../lib/permissions';
import { ReadOnlyNotice } from '../../components/Permitted';

/** An inbound trigger: settings beside its URL, new secrets (once) and a curl example; the request log. */
export default function InboundPage() {
  const triggerId = useRecordId();
  const { t } = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [tab, setTab] = useTabParam('settings');
  // Secrets the create answered (handed over by the editor) or a rotation showed: in this page's memory only.
  const [revealed, setRevealed] = useState<Revealed>({});
  const reveal = (r: Revealed) => setRevealed((prev) => ({ ...prev, ...r }));
  // The router keeps this page mounted from /inbound/new to /inbound/<id>: take the hand-over when the id arrives.
  useEffect(() => {
    if (!triggerId) return;
    const handed = takeHandedOver(triggerId);
    if (Object.keys(handed).length) setRevealed(handed);
  }, [triggerId]);
  const trigger = useQuery({
    queryKey: ['inbound-trigger', triggerId],
    queryFn: () => data(client.GET('/api/inbound-triggers/{id}', { params: { path: { id: triggerId! } } })),
    enabled: !!triggerId,
  });
  const rotateKey = useMutation({
    mutationFn: () => data(client.POST('/api/inbound-triggers/{id}/rotate-key', { params: { path: { id: triggerId! } } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['inbound-trigger', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['inbound-triggers'] });
      message.success(t('inbound.keyRotated'));
    },
    onError: (e) => message.error(errorText(e)),
  });
  const remove = useDeleteRecord(() => data(client.DELETE('/api/inbound-triggers/{id}', { params: { path: { id: triggerId! } } })), {
    key: ['inbound-triggers'],
    path: '/inbound',
  });

  if (!triggerId)
    return (
      <NewRecord title={t('inbound.new')}>
        <InboundEditor onRevealed={reveal} />
      </NewRecord>
    );
  return (
    <RecordPage query={trigger}>
      {(tr) => (
        <>
          <RecordHeader
            title={tr.name}
            tags={tr.enabled ? <Tag color="success">{t('forms.on')}</Tag> : <Tag>{t('forms.off')}</Tag>}
            actions={
              <Can perm="inbound:write">
                <Popconfirm title={t('inbound.deleteConfirm')} onConfirm={() => remove.mutate()}>
                  <Button danger>{t('common.delete')}</Button>
                </Popconfirm>
              </Can>
            }
          />
          <ReadOnlyNotice perm="inbound:write" />
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'settings',
                label: t('inbound.tab.settings'),
                children: (
                  <Row gutter={[16, 16]}>
                    <Col xs={24} xl={13}>
                      <InboundEditor key={tr.id} trigger={tr} onRevealed={reveal} />
                    </Col>
                    <Col xs={24} xl={11}>
                      <Flex vertical gap={12}>
                        <SecretsOnce revealed={revealed} onDismiss={() => setRevealed({})} />
                        <Card size="small" title={t('inbound.url')}>
                          <Typography.Paragraph copyable={{ text: absoluteUrl(tr.url) }} code style={{ wordBreak: 'break-all' }} data-testid="inbound-url">
                            {absoluteUrl(tr.url)}
                          </Typography.Paragraph>
                          <Can perm="inbound:write">
                            <Popconfirm title={t('inbound.rotateKeyConfirm')} onConfirm={() => rotateKey.mutate()}>
                              <Button size="small" icon={<SyncOutlined />} loading={rotateKey.isPending}>
                                {t('inbound.rotateKey')}
                              </Button>
                            </Popconfirm>
                          </Can>
                        </Card>
                        <CurlExample trigger={tr} revealed={revealed} />
                      </Flex>
                    </Col>
                  </Row>
                ),
              },
              { key: 'log', label: t('inbound.tab.log'), children: <RequestLog triggerId={tr.id} live={tab === 'log'} /> },
            ]}
          />
        </>
      )}
    </RecordPage>
  );
}

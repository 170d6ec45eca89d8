import { SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Popconfirm, Row, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { absoluteUrl } from '../forms/formUrl';
import { CurlExample } from './CurlExample';
import { InboundEditor } from './InboundEditor';
import { RequestLog } from './RequestLog';
import { takeHandedOver, type Revealed } from './secrets';
import { SecretsOnce } from './SecretsOnce';

/** An inbound trigger: settings beside its URL, new secrets (once) and a curl example; the request log. */
export default function InboundPage() {
  const { id } = useParams();
  const triggerId = id ? Number(id) : undefined;
  const { t } = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  // Secrets the create answered (handed over by the editor) or a rotation showed: in this page's memory only.
  const [revealed, setRevealed] = useState<Revealed>({});
  const reveal = (r: Revealed) => setRevealed((prev) => ({ ...prev, ...r }));
  // The router keeps this page mounted from /inbound/new to /inbound/<id>: take the hand-over when the id arrives.
  useEffect(() => {
    if (!triggerId) return;
    const handed = takeHandedOver(triggerId);
    if (Object.keys(handed).length) setRevealed(handed);
  }, [triggerId]);
  const trigger = useQuery({ queryKey: ['inbound-trigger', triggerId], queryFn: () => data(client.GET('/api/inbound-triggers/{id}', { params: { path: { id: triggerId! } } })), enabled: !!triggerId });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['inbound-triggers'] });
  const rotateKey = useMutation({
    mutationFn: () => data(client.POST('/api/inbound-triggers/{id}/rotate-key', { params: { path: { id: triggerId! } } })),
    onSuccess: (saved) => { queryClient.setQueryData(['inbound-trigger', saved.id], saved); invalidate(); message.success(t('inbound.keyRotated')); },
    onError: (e) => message.error(errorText(e)),
  });
  const remove = useMutation({
    mutationFn: () => data(client.DELETE('/api/inbound-triggers/{id}', { params: { path: { id: triggerId! } } })),
    onSuccess: () => { invalidate(); navigate('/inbound'); },
    onError: (e) => message.error(errorText(e)),
  });

  if (!triggerId) {
    return (
      <>
        <Typography.Title level={4}>{t('inbound.new')}</Typography.Title>
        <InboundEditor onRevealed={reveal} />
      </>
    );
  }
  const tr = trigger.data;
  const tab = params.get('tab') ?? 'settings';
  return (
    <QueryState query={trigger}>
      {tr ? (
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Flex align="center" gap={8}>
              <Typography.Title level={4} style={{ margin: 0 }}>{tr.name}</Typography.Title>
              {tr.enabled ? <Tag color="success">{t('forms.on')}</Tag> : <Tag>{t('forms.off')}</Tag>}
            </Flex>
            <Popconfirm title={t('inbound.deleteConfirm')} onConfirm={() => remove.mutate()}><Button danger>{t('common.delete')}</Button></Popconfirm>
          </Flex>
          <Tabs
            activeKey={tab}
            onChange={(next) => setParams(next === 'settings' ? {} : { tab: next }, { replace: true })}
            items={[
              {
                key: 'settings', label: t('inbound.tab.settings'),
                children: (
                  <Row gutter={[16, 16]}>
                    <Col xs={24} xl={13}><InboundEditor key={tr.id} trigger={tr} onRevealed={reveal} /></Col>
                    <Col xs={24} xl={11}>
                      <Flex vertical gap={12}>
                        <SecretsOnce revealed={revealed} onDismiss={() => setRevealed({})} />
                        <Card size="small" title={t('inbound.url')}>
                          <Typography.Paragraph copyable={{ text: absoluteUrl(tr.url) }} code style={{ wordBreak: 'break-all' }} data-testid="inbound-url">{absoluteUrl(tr.url)}</Typography.Paragraph>
                          <Popconfirm title={t('inbound.rotateKeyConfirm')} onConfirm={() => rotateKey.mutate()}>
                            <Button size="small" icon={<SyncOutlined />} loading={rotateKey.isPending}>{t('inbound.rotateKey')}</Button>
                          </Popconfirm>
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
        </Flex>
      ) : null}
    </QueryState>
  );
}

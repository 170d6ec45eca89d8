import { SyncOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Form, Input, Popconfirm, Row, Select, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import type { InboundTrigger } from '../../lib/models';
import { masked, revealedIn, type Revealed } from './secrets';
import { Can } from '../../lib/permissions';

type Check = 'hmac' | 'standardWebhooks' | 'token';

/** 轮换秘钥 for one check: a new generated secret, shown once. */
function RotateSecret({ trigger, check, onRevealed }: { trigger: InboundTrigger; check: Check; onRevealed: (r: Revealed) => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const rotate = useMutation({
    mutationFn: () => data(client.POST('/api/inbound-triggers/{id}/rotate-secret', { params: { path: { id: trigger.id } }, body: { check } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['inbound-trigger', saved.id], masked(saved));
      onRevealed(revealedIn(saved.checks));
      message.success(t('inbound.secretRotated'));
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Can perm="inbound:write">
      <Popconfirm title={t('inbound.rotateSecretConfirm')} onConfirm={() => rotate.mutate()}>
        <Button size="small" icon={<SyncOutlined />} loading={rotate.isPending} data-testid={`rotate-${check}`}>
          {t('inbound.rotateSecret')}
        </Button>
      </Popconfirm>
    </Can>
  );
}

/** One check: its switch, its settings while on, and (saved ones) the masked secret with rotation. */
function CheckBlock({
  name,
  title,
  hint,
  saved,
  secret,
  trigger,
  onRevealed,
  children,
}: {
  name: Check;
  title: string;
  hint: string;
  saved: boolean;
  secret?: string | null;
  trigger?: InboundTrigger;
  onRevealed: (r: Revealed) => void;
  children?: ReactNode;
}) {
  const on = Form.useWatch(['checks', name, 'on']);
  return (
    <div style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8, marginBottom: 12 }}>
      <Flex align="center" gap={8} wrap>
        <Form.Item name={['checks', name, 'on']} valuePropName="checked" noStyle>
          <Switch size="small" aria-label={title} data-testid={`check-${name}`} />
        </Form.Item>
        <Typography.Text strong>{title}</Typography.Text>
        {saved && on && trigger ? (
          <>
            <Typography.Text type="secondary" code>
              {secret}
            </Typography.Text>
            <RotateSecret trigger={trigger} check={name} onRevealed={onRevealed} />
          </>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 8px' }}>
        {hint}
      </Typography.Paragraph>
      {on ? children : null}
    </div>
  );
}

/** 调用方校验: HMAC, Standard Webhooks, a token header, an IP allowlist — any combination. */
export function ChecksFields({ trigger, onRevealed }: { trigger?: InboundTrigger; onRevealed: (r: Revealed) => void }) {
  const { t } = useT();
  const c = trigger?.checks;
  return (
    <Card size="small" title={t('inbound.checks')} style={{ marginBottom: 12 }}>
      <CheckBlock
        name="hmac"
        title={t('inbound.check.hmac')}
        hint={t('inbound.check.hmacHint')}
        saved={!!c?.hmac}
        secret={c?.hmac?.secret}
        trigger={trigger}
        onRevealed={onRevealed}
      >
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item name={['checks', 'hmac', 'header']} label={t('inbound.header')}>
              <Input placeholder={t('common.serverDefault')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name={['checks', 'hmac', 'algorithm']} label={t('inbound.algorithm')}>
              <Select
                options={[
                  { value: 'sha256', label: 'HMAC-SHA256' },
                  { value: 'sha1', label: 'HMAC-SHA1' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
      </CheckBlock>
      <CheckBlock
        name="standardWebhooks"
        title="Standard Webhooks"
        hint={t('inbound.check.standardHint')}
        saved={!!c?.standardWebhooks}
        secret={c?.standardWebhooks?.secret}
        trigger={trigger}
        onRevealed={onRevealed}
      />
      <CheckBlock
        name="token"
        title={t('inbound.check.token')}
        hint={t('inbound.check.tokenHint')}
        saved={!!c?.token}
        secret={c?.token?.value}
        trigger={trigger}
        onRevealed={onRevealed}
      >
        <Form.Item name={['checks', 'token', 'header']} label={t('inbound.header')}>
          <Input placeholder={t('common.serverDefault')} />
        </Form.Item>
      </CheckBlock>
      <Form.Item name={['checks', 'ipAllowlist']} label={t('inbound.check.ip')} extra={t('inbound.check.ipHint')}>
        <Select mode="tags" tokenSeparators={[',', ' ', '，']} placeholder="203.0.113.0/24, 2001:db8::/32" open={false} suffixIcon={null} />
      </Form.Item>
      {trigger ? null : (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
          {t('inbound.secretsGenerated')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

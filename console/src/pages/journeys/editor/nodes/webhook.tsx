import { ApiOutlined } from '@ant-design/icons';
import { Flex, Form, Radio, Select, Tag, Typography } from 'antd';
import { useT } from '../../../../i18n';
import { fieldStatus, NEXT, type FieldProps, type NodeKind } from './kind';

/** A manual webhook picked by name, and what a failed message does to the run. */
function WebhookFields({ node, onChange, errors, webhooks }: FieldProps) {
  const { t } = useT();
  const manual = webhooks.filter((w) => w.triggerType === 'manual');
  return (
    <>
      <Form.Item label={t('journey.webhook')} htmlFor="journey-node-webhook" {...fieldStatus(errors, 'webhookId')}>
        <Select
          id="journey-node-webhook"
          showSearch={{ optionFilterProp: 'label' }}
          value={node.webhookId}
          placeholder={t('journey.pickWebhook')}
          onChange={(webhookId) => onChange({ ...node, webhookId })}
          options={manual.map((w) => ({ value: w.id, label: w.name, disabled: !w.enabled }))}
          optionRender={(o) => {
            const w = manual.find((x) => x.id === o.value);
            return (
              <Flex justify="space-between" gap={8}>
                <span>{w?.name}</span>
                {w && !w.enabled ? <Tag>{t('journey.webhookDisabled')}</Tag> : null}
              </Flex>
            );
          }}
          notFoundContent={t('journey.noManualWebhooks')}
          data-testid="node-webhook-select"
        />
      </Form.Item>
      <Form.Item label={t('journey.onFailure')} {...fieldStatus(errors, 'onFailure')}>
        <Radio.Group
          aria-label={t('journey.onFailure')}
          value={node.onFailure ?? 'stop'}
          onChange={(e) => onChange({ ...node, onFailure: e.target.value })}
          options={[
            { value: 'stop', label: t('journey.onFailure.stop') },
            { value: 'continue', label: t('journey.onFailure.continue') },
          ]}
        />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('journey.webhookHint', { id: node.id })}
      </Typography.Paragraph>
    </>
  );
}

/** webhook: sends one message through a manual webhook; conditions may read its outcome as `nodes.<id>.…`. */
export const webhookNode: NodeKind = {
  label: 'journey.node.webhook',
  icon: <ApiOutlined />,
  color: '#1f6feb',
  links: [NEXT],
  create: () => ({ onFailure: 'stop' }),
  describe: (t, n, names) => (n.webhookId ? (names.webhooks.get(n.webhookId) ?? `#${n.webhookId}`) : t('journey.noWebhook')),
  Fields: WebhookFields,
};

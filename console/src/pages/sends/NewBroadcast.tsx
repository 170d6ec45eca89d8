import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n';
import type { WebhookListItem } from '../../lib/models';
import { Can } from '../../lib/permissions';
import { useWebhooks } from '../../lib/useLookups';
import { SendMessageModal } from '../webhooks/SendMessageModal';

/**
 * 新建群发 on the send list: pick the (manually triggered, enabled) webhook to send through, then the
 * same 发送消息 dialog as on the webhook list, at 群发. Offered only to a role that may start sends.
 */
export function NewBroadcastButton() {
  const { t } = useT();
  const [picking, setPicking] = useState(false);
  const [webhook, setWebhook] = useState<WebhookListItem | null>(null);
  const webhooks = useWebhooks();
  const manual = (webhooks.data?.items ?? []).filter((w) => w.triggerType === 'manual' && w.enabled);
  return (
    <Can perm="sends:write">
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setPicking(true)} data-testid="new-broadcast">
        {t('sends.new')}
      </Button>
      {picking ? (
        <Modal open title={t('sends.new')} footer={null} onCancel={() => setPicking(false)} destroyOnHidden>
          <Typography.Paragraph type="secondary">{t('sends.pickWebhookHint')}</Typography.Paragraph>
          {!webhooks.isPending && !manual.length ? (
            <Alert type="info" showIcon title={t('sends.noManualWebhook')} />
          ) : (
            <Select
              style={{ width: '100%' }}
              showSearch={{ optionFilterProp: 'label' }}
              loading={webhooks.isPending}
              placeholder={t('sends.pickWebhook')}
              aria-label={t('sends.pickWebhook')}
              options={manual.map((w) => ({ value: w.id, label: w.name }))}
              onChange={(id: number) => {
                setWebhook(manual.find((w) => w.id === id) ?? null);
                setPicking(false);
              }}
              data-testid="new-broadcast-webhook"
            />
          )}
        </Modal>
      ) : null}
      {webhook ? <SendMessageModal webhook={webhook} onClose={() => setWebhook(null)} /> : null}
    </Can>
  );
}

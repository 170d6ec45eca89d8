import { Col, Collapse, Form, InputNumber, Row, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n';
import type { Webhook } from '../../lib/models';
import { CircuitState } from './CircuitState';
import { SuccessRuleField } from './SuccessRuleField';
import { QuietHoursOverride } from '../../components/quiet/QuietHoursOverride';
import { WebhookFrequencyCap } from './WebhookFrequencyCap';

/** The delivery settings of a new webhook, as the server would default them (shown, so the marketer sees what applies). */
export const DELIVERY_DEFAULTS = { timeoutMs: 10_000, maxAttempts: 7, backoffBaseMs: 5_000, concurrency: 20, circuitBreakerThreshold: 20 };
const KNOBS = [
  'timeoutMs',
  'maxAttempts',
  'backoffBaseMs',
  'concurrency',
  'rateLimitPerMinute',
  'circuitBreakerThreshold',
  'successRule',
  'retryRejected',
  'transactional',
];

/**
 * 高级设置: retries, timeout, concurrency, rate limit and circuit breaker, folded — the defaults suit
 * most receivers. It opens by itself when the server refuses one of them, so the error is seen.
 */
export function WebhookAdvanced({ webhook }: { webhook?: Webhook }) {
  const { t } = useT();
  const form = Form.useFormInstance();
  const [open, setOpen] = useState<string[]>([]);
  const circuitOpen = !!webhook?.circuit && webhook.circuit.state !== 'closed';
  const fields = (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="timeoutMs" label={t('editors.timeout')} extra={t('editors.timeoutHint')}>
          <InputNumber min={100} max={60000} step={1000} suffix={t('editors.ms')} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="maxAttempts" label={t('editors.maxAttempts')} extra={t('editors.maxAttemptsHint')}>
          <InputNumber min={1} max={20} suffix={t('editors.times')} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="backoffBaseMs" label={t('editors.backoff')} extra={t('editors.backoffHint')}>
          <InputNumber min={10} max={600000} step={1000} suffix={t('editors.ms')} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="concurrency" label={t('editors.concurrency')} extra={t('editors.concurrencyHint')}>
          <InputNumber min={1} max={500} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="rateLimitPerMinute" label={t('webhook.rateLimit')} extra={t('editors.rateLimitHint')}>
          <InputNumber min={1} max={60000} suffix={t('editors.perMinute')} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="circuitBreakerThreshold" label={t('circuit.threshold')} extra={t('editors.circuitHint')}>
          <InputNumber min={0} max={10000} suffix={t('editors.times')} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <SuccessRuleField />
      </Col>
      <Col xs={24}>
        <Form.Item name="transactional" label={t('webhookEdit.transactional')} extra={t('webhookEdit.transactionalHint')} valuePropName="checked">
          <Switch data-testid="webhook-transactional" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label={t('quiet.override')}>
          <QuietHoursOverride scope="webhook" id={webhook?.id} transactional={webhook?.transactional} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <WebhookFrequencyCap webhookId={webhook?.id} transactional={!!webhook?.transactional} />
      </Col>
      {webhook ? (
        <Col xs={24}>
          <Form.Item label={t('editors.circuitNow')}>
            <CircuitState webhook={webhook} />
            {circuitOpen ? null : t('circuit.isClosed')}
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  );
  return (
    <Form.Item noStyle shouldUpdate>
      {() => {
        const refused = form.getFieldsError(KNOBS).some((f) => f.errors.length > 0);
        return (
          <Collapse
            style={{ marginBottom: 16 }}
            activeKey={refused || circuitOpen ? ['advanced'] : open}
            onChange={(keys) => setOpen(keys as string[])}
            items={[
              {
                key: 'advanced',
                forceRender: true,
                label: (
                  <span data-testid="webhook-advanced">
                    {t('editors.advanced')}
                    <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                      {t('editors.advancedHint')}
                    </Typography.Text>
                  </span>
                ),
                children: fields,
              },
            ]}
          />
        );
      }}
    </Form.Item>
  );
}

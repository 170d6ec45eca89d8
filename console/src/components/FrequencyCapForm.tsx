import { Alert, Button, Flex, Form, InputNumber, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useCan } from '../lib/permissions';
import { WriteScope } from './Permitted';
import { useT } from '../i18n';
import type { Schemas } from '../lib/models';
import { useFieldErrors } from '../lib/form-errors';

export type FrequencyCap = Schemas['FrequencyCapView'];
export type FrequencyCapBody = Schemas['PutFrequencyCapDto'];

interface Values {
  enabled: boolean;
  maxMessages: number;
  window: number;
  unit: 'hours' | 'days';
}

/** 24 hours reads as "1 天", 36 as "36 小时". */
function toValues(cap: FrequencyCap): Values {
  const days = cap.windowHours % 24 === 0;
  return { enabled: cap.enabled, maxMessages: cap.maxMessages, window: days ? cap.windowHours / 24 : cap.windowHours, unit: days ? 'days' : 'hours' };
}

const FIELDS = ['enabled', 'maxMessages', 'window'];

/**
 * 频次上限: on/off, at most N messages per customer in any rolling window (hours or days). Used by the
 * tenant's settings and by a webhook's 高级设置; `embedded` renders no <form> (inside the webhook's form).
 */
export function FrequencyCapForm({
  cap,
  save,
  saving,
  idPrefix,
  embedded,
}: {
  cap: FrequencyCap;
  save: (body: FrequencyCapBody) => Promise<unknown>;
  saving: boolean;
  idPrefix: string;
  embedded?: boolean;
}) {
  const { t } = useT();
  const mayWrite = useCan()('settings:write');
  const [form] = Form.useForm<Values>();
  const applyFieldErrors = useFieldErrors();
  const [unplaced, setUnplaced] = useState<string[]>([]);
  useEffect(() => form.setFieldsValue(toValues(cap)), [cap, form]);
  const submit = async () => {
    const v = await form.validateFields();
    setUnplaced([]);
    const windowHours = v.unit === 'days' ? v.window * 24 : v.window;
    try {
      await save({ enabled: v.enabled, maxMessages: v.maxMessages, windowHours });
    } catch (e) {
      setUnplaced(applyFieldErrors(form, e, FIELDS, (path) => [path === 'windowHours' ? 'window' : path]));
    }
  };
  const maxWindow = (unit: Values['unit']) => (unit === 'days' ? 30 : 720);
  return (
    <WriteScope perm="settings:write">
      <Form
        form={form}
        name={idPrefix}
        component={embedded ? false : 'form'}
        layout="vertical"
        initialValues={toValues(cap)}
        onFinish={embedded ? undefined : submit}
        style={{ maxWidth: 560 }}
      >
        {unplaced.length ? <Alert type="error" showIcon title={unplaced.join('；')} style={{ marginBottom: 12 }} /> : null}
        <Form.Item name="enabled" label={t('caps.enabled')} valuePropName="checked">
          <Switch data-testid={`${idPrefix}-enabled`} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {() => {
            const unit = form.getFieldValue('unit') as Values['unit'];
            const disabled = !form.getFieldValue('enabled') || !mayWrite;
            return (
              <Flex gap={12} wrap align="flex-start">
                <Form.Item name="window" label={t('caps.window')} rules={[{ required: true, type: 'integer', min: 1, max: maxWindow(unit) }]}>
                  <InputNumber
                    min={1}
                    max={maxWindow(unit)}
                    disabled={disabled}
                    prefix={t('caps.every')}
                    style={{ width: 140 }}
                    data-testid={`${idPrefix}-window`}
                  />
                </Form.Item>
                <Form.Item name="unit" label={t('caps.unit')}>
                  <Select
                    disabled={disabled}
                    style={{ width: 100 }}
                    options={[
                      { value: 'days', label: t('caps.unit.days') },
                      { value: 'hours', label: t('caps.unit.hours') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="maxMessages" label={t('caps.maxMessages')} rules={[{ required: true, type: 'integer', min: 1, max: 1000 }]}>
                  <InputNumber min={1} max={1000} disabled={disabled} suffix={t('caps.messages')} style={{ width: 140 }} data-testid={`${idPrefix}-max`} />
                </Form.Item>
              </Flex>
            );
          }}
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {() => {
            const v = form.getFieldsValue() as Values;
            if (!v.enabled || !v.window || !v.maxMessages) return null;
            const window = v.unit === 'days' ? (v.window === 1 ? t('caps.oneDay') : t('caps.nDays', { n: v.window })) : t('caps.nHours', { n: v.window });
            return (
              <Typography.Paragraph type="secondary" data-testid={`${idPrefix}-summary`}>
                {t('caps.summary', { window, n: v.maxMessages })}
              </Typography.Paragraph>
            );
          }}
        </Form.Item>
        {mayWrite ? (
          <Button
            type={embedded ? 'default' : 'primary'}
            htmlType={embedded ? 'button' : 'submit'}
            onClick={embedded ? submit : undefined}
            loading={saving}
            data-testid={`${idPrefix}-save`}
          >
            {embedded ? t('caps.saveWebhook') : t('caps.save')}
          </Button>
        ) : null}
      </Form>
    </WriteScope>
  );
}

import { ApiOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Avatar, Card, Col, Flex, Form, Radio, Row, Typography } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import type { Schemas } from '../../lib/models';
import { DELIVERY_DEFAULTS } from './WebhookAdvanced';

export type WebhookPreset = Schemas['WebhookPresetView'];

/** Each robot's mark: its first character on its brand colour. */
const MARKS: Record<string, { text: string; color: string }> = {
  wecom: { text: '企', color: '#0082EF' },
  dingtalk: { text: '钉', color: '#1677FF' },
  feishu: { text: '飞', color: '#00B3A4' },
};

const pretty = (template: unknown) => JSON.stringify(template, null, 2);

/** What a preset fills in; choosing 空白 again puts the new form's defaults back. */
function presetValues(preset: WebhookPreset | null, lang: 'zh' | 'en', type = 0) {
  if (!preset)
    return { name: '', signatureScheme: 'none', successRule: null, retryRejected: false, rateLimitPerMinute: null, bodyTemplate: '', ...DELIVERY_DEFAULTS };
  return {
    name: preset.name[lang],
    signatureScheme: preset.signatureScheme,
    successRule: preset.successRule,
    retryRejected: false,
    rateLimitPerMinute: preset.rateLimitPerMinute,
    bodyTemplate: pretty(preset.messageTypes[type].bodyTemplate),
  };
}

function ChoiceCard({
  selected,
  onPick,
  mark,
  title,
  description,
}: {
  selected: boolean;
  onPick: () => void;
  mark: React.ReactNode;
  title: string;
  description: string;
}) {
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPick();
    }
  };
  return (
    <Card
      hoverable
      size="small"
      role="radio"
      aria-checked={selected}
      tabIndex={0}
      onClick={onPick}
      onKeyDown={onKey}
      style={{ height: '100%', borderColor: selected ? '#1677ff' : undefined, boxShadow: selected ? '0 0 0 1px #1677ff' : undefined }}
    >
      <Flex gap={12} align="flex-start">
        {mark}
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
            {description}
          </Typography.Paragraph>
        </div>
      </Flex>
    </Card>
  );
}

/**
 * 从模板创建: the robot cards and 空白. A robot fills the normal form (name, body, signature, success
 * rule, rate limit) — the webhook is then created like any other, and stays editable. Its message
 * types (文本, Markdown, 卡片…) swap the body template.
 */
export function PresetChooser({ value, onChange }: { value: WebhookPreset | null; onChange: (preset: WebhookPreset | null) => void }) {
  const { t, lang } = useT();
  const form = Form.useFormInstance();
  const [type, setType] = useState(0);
  const presets = useQuery({ queryKey: ['webhook-presets'], queryFn: () => data(client.GET('/api/webhook-presets')), staleTime: Infinity });

  const pick = (preset: WebhookPreset | null) => {
    if (preset?.id === value?.id) return;
    onChange(preset);
    setType(0);
    form.setFieldsValue(presetValues(preset, lang));
  };
  const pickType = (index: number) => {
    setType(index);
    form.setFieldsValue({ bodyTemplate: pretty(value!.messageTypes[index].bodyTemplate) });
  };
  const rule = value?.successRule as { field?: string } | undefined;

  return (
    <Card title={t('preset.title')} size="small" style={{ marginBottom: 16 }} data-testid="preset-chooser">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('preset.hint')}
      </Typography.Paragraph>
      <QueryState query={presets}>
        <Row gutter={[12, 12]} role="radiogroup" aria-label={t('preset.title')}>
          {(presets.data?.items ?? []).map((p) => (
            <Col key={p.id} xs={24} sm={12} xl={6}>
              <ChoiceCard
                selected={value?.id === p.id}
                onPick={() => pick(p)}
                mark={
                  <Avatar shape="square" style={{ background: MARKS[p.id]?.color ?? '#8c8c8c', flex: 'none' }} aria-hidden>
                    {MARKS[p.id]?.text ?? p.name[lang].slice(0, 1)}
                  </Avatar>
                }
                title={p.name[lang]}
                description={p.description[lang]}
              />
            </Col>
          ))}
          <Col xs={24} sm={12} xl={6}>
            <ChoiceCard
              selected={!value}
              onPick={() => pick(null)}
              mark={<Avatar shape="square" icon={<ApiOutlined />} style={{ background: '#8c8c8c', flex: 'none' }} aria-hidden />}
              title={t('preset.blank')}
              description={t('preset.blankDesc')}
            />
          </Col>
        </Row>
      </QueryState>
      {value ? (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong id="preset-message-type">
            {t('preset.messageType')}
          </Typography.Text>
          <div style={{ margin: '8px 0 4px' }}>
            <Radio.Group
              aria-labelledby="preset-message-type"
              optionType="button"
              buttonStyle="solid"
              value={type}
              onChange={(e) => pickType(e.target.value as number)}
              options={value.messageTypes.map((m, i) => ({ value: i, label: m.name[lang] }))}
            />
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('preset.messageTypeHint')}
            {value.id === 'dingtalk' ? ` ${t('preset.atHint')}` : ''}
          </Typography.Text>
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            data-testid="preset-filled"
            title={t('preset.filled', { name: value.name[lang], rate: value.rateLimitPerMinute, field: rule?.field?.replace('response.body.', '') ?? '' })}
          />
        </div>
      ) : null}
    </Card>
  );
}

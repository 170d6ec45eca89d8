import { DatePicker, Flex, Form, InputNumber, Radio, Segmented, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { RuleBuilder, type Rule } from '../../../components/rule/RuleBuilder';
import { journeyScheme } from '../../../components/rule/rule-fields';
import { useT } from '../../../i18n';
import type { JourneyNode } from '../../../lib/models';
import type { Webhook } from '../../../lib/models';

export interface FieldProps {
  node: JourneyNode;
  onChange: (node: JourneyNode) => void;
  /** The API's errors for a path inside this node (`webhookId`, `rule.and[0].field`). */
  errors: Record<string, string[]>;
}

/** antd's error look on a form item, from the API's messages for that path. */
export function fieldStatus(errors: Record<string, string[]>, ...paths: string[]) {
  const messages = paths.flatMap((p) => Object.entries(errors).filter(([k]) => k === p || k.startsWith(`${p}.`)).flatMap(([, m]) => m));
  return messages.length ? { validateStatus: 'error' as const, help: messages.join('; ') } : {};
}

/** webhook: a manual webhook picked by name, and what a failed message does to the run. */
export function WebhookFields({ node, onChange, errors, webhooks }: FieldProps & { webhooks: Webhook[] }) {
  const { t } = useT();
  const manual = webhooks.filter((w) => w.triggerType === 'manual');
  return (
    <>
      <Form.Item label={t('journey.webhook')} {...fieldStatus(errors, 'webhookId')}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={node.webhookId}
          placeholder={t('journey.pickWebhook')}
          onChange={(webhookId) => onChange({ ...node, webhookId })}
          options={manual.map((w) => ({ value: w.id, label: w.name, disabled: !w.enabled }))}
          optionRender={(o) => {
            const w = manual.find((x) => x.id === o.value);
            return <Flex justify="space-between" gap={8}><span>{w?.name}</span>{w && !w.enabled ? <Tag>{t('journey.webhookDisabled')}</Tag> : null}</Flex>;
          }}
          notFoundContent={t('journey.noManualWebhooks')}
          data-testid="node-webhook-select"
        />
      </Form.Item>
      <Form.Item label={t('journey.onFailure')} {...fieldStatus(errors, 'onFailure')}>
        <Radio.Group value={node.onFailure ?? 'stop'} onChange={(e) => onChange({ ...node, onFailure: e.target.value })}
          options={[{ value: 'stop', label: t('journey.onFailure.stop') }, { value: 'continue', label: t('journey.onFailure.continue') }]} />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('journey.webhookHint', { id: node.id })}</Typography.Paragraph>
    </>
  );
}

const UNITS = [{ key: 'seconds', s: 1 }, { key: 'minutes', s: 60 }, { key: 'hours', s: 3600 }, { key: 'days', s: 86400 }] as const;

/** wait: a duration (shown in the largest whole unit) or until a date-time (the browser's zone, sent as UTC). */
export function WaitFields({ node, onChange, errors }: FieldProps) {
  const { t } = useT();
  const mode = node.until !== undefined ? 'until' : 'seconds';
  const bestUnit = UNITS.slice().reverse().find((u) => node.seconds && node.seconds % u.s === 0) ?? UNITS[0];
  const [unit, setUnit] = useState<number>(bestUnit.s);
  return (
    <>
      <Form.Item label={t('journey.waitMode')}>
        <Segmented value={mode} onChange={(m) => onChange(m === 'until'
          ? (({ seconds: _, ...rest }) => ({ ...rest, until: dayjs().add(1, 'day').startOf('hour').toISOString() }))(node)
          : (({ until: _, ...rest }) => ({ ...rest, seconds: 3600 }))(node))}
          options={[{ value: 'seconds', label: t('journey.waitFor') }, { value: 'until', label: t('journey.waitUntil') }]} />
      </Form.Item>
      {mode === 'seconds' ? (
        <Form.Item label={t('journey.duration')} {...fieldStatus(errors, 'seconds', '.')}>
          <Flex gap={8}>
            <InputNumber min={1} value={node.seconds ? node.seconds / unit : undefined} style={{ flex: 1 }} data-testid="wait-amount"
              onChange={(v) => onChange({ ...node, seconds: v == null ? undefined : Math.round(Number(v) * unit) })} />
            <Select value={unit} onChange={setUnit} style={{ width: 100 }}
              options={UNITS.map((u) => ({ value: u.s, label: t(`journey.unit.${u.key}`) }))} />
          </Flex>
        </Form.Item>
      ) : (
        <Form.Item label={t('journey.until')} {...fieldStatus(errors, 'until', '.')}>
          <DatePicker showTime value={node.until ? dayjs(node.until) : null} style={{ width: '100%' }}
            onChange={(d) => onChange({ ...node, until: d ? d.toISOString() : undefined })} />
        </Form.Item>
      )}
    </>
  );
}

const isGroup = (r: Rule) => !!r && typeof r === 'object' && ('and' in r || 'or' in r);
const asGroup = (r: Rule): Rule => (isGroup(r) ? r : { and: [r] });

/** condition: the group-rule builder over customer.*, trigger.* and the webhook nodes' outcomes. */
export function ConditionFields({ node, onChange, errors, webhookNodeIds }: FieldProps & { webhookNodeIds: string[] }) {
  const { t } = useT();
  const scheme = useMemo(() => journeyScheme(t, webhookNodeIds), [t, webhookNodeIds]);
  // A bare condition is shown inside an 全部满足 group so more can be added (it is saved as a group once
  // edited); its errors (`rule.field`) move with it (`rule.and[0].field`).
  const bare = !isGroup(node.rule as Rule);
  const shown = bare ? Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replace(/^rule(?=\.|$)/, 'rule.and[0]'), v])) : errors;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('journey.conditionHint')}</Typography.Paragraph>
      <RuleBuilder value={asGroup(node.rule as Rule)} onChange={(rule) => onChange({ ...node, rule: rule as JourneyNode['rule'] })} errors={shown} scheme={scheme} />
    </>
  );
}

import { Form, Input, Radio, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { ConditionRow } from '../../../components/rule/RuleBuilder';
import { customerScheme, type Condition } from '../../../components/rule/rule-fields';
import { useT, type MessageKey } from '../../../i18n';
import { TRIGGER_TYPES, type HeraldForm, type InboundTrigger, type JourneyTrigger, type TriggerType } from '../../../lib/models';
import { FIXED_EVENTS, type Group } from '../../../lib/models';
import type { Draft } from './definition';
import { fieldStatus } from './nodes/kind';

interface Props {
  draft: Draft;
  onChange: (draft: Draft) => void;
  /** The API's errors for name, reentry, start and trigger.*. */
  errors: Record<string, string[]>;
  groups: Group[];
  forms: HeraldForm[];
  inbound: InboundTrigger[];
}

/** A fresh trigger of a type: only its own parameter, with a sensible start for thresholds. */
function triggerOf(type: TriggerType): JourneyTrigger {
  return type === 'attribute_threshold' ? { type, field: 'activityScore', op: '>=', value: 500 } : { type };
}

/** 流程设置: name, re-entry, the trigger and its parameter, the start node. */
export function JourneySettings({ draft, onChange, errors, groups, forms, inbound }: Props) {
  const { t } = useT();
  const tr = draft.trigger;
  const setTrigger = (patch: Partial<JourneyTrigger>) => onChange({ ...draft, trigger: { ...tr, ...patch } });
  // Thresholds compare a customer field as it is named in group rules; ids and timestamps never cross.
  const scheme = useMemo(() => customerScheme(t, ['activityScore', 'name', 'wechatNickname', 'mobile', 'email']), [t]);

  return (
    <Form layout="vertical" component="div" size="small" data-testid="journey-settings">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('journey.settings')}
      </Typography.Title>
      <Form.Item label={t('journeys.name')} htmlFor="journey-name" required {...fieldStatus(errors, 'name')}>
        <Input id="journey-name" value={draft.name} maxLength={200} onChange={(e) => onChange({ ...draft, name: e.target.value })} data-testid="journey-name" />
      </Form.Item>
      <Form.Item label={t('journey.reentry')} {...fieldStatus(errors, 'reentry')}>
        <Radio.Group
          aria-label={t('journey.reentry')}
          value={draft.reentry}
          onChange={(e) => onChange({ ...draft, reentry: e.target.value })}
          options={[
            { value: 'once', label: t('journey.reentry.once') },
            { value: 'always', label: t('journey.reentry.always') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('journey.triggerType')} htmlFor="journey-trigger-type" {...fieldStatus(errors, 'trigger.type')}>
        <Select
          id="journey-trigger-type"
          value={tr.type}
          onChange={(type: TriggerType) => onChange({ ...draft, trigger: triggerOf(type) })}
          data-testid="trigger-type"
          options={TRIGGER_TYPES.map((type) => ({ value: type, label: t(`journey.trigger.${type}` as MessageKey) }))}
        />
      </Form.Item>
      {tr.type === 'group_entry' ? (
        <Form.Item
          label={t('journey.triggerGroup')}
          htmlFor="journey-trigger-group"
          extra={t('journey.groupEntryHint')}
          {...fieldStatus(errors, 'trigger.groupId')}
        >
          <Select
            id="journey-trigger-group"
            showSearch={{ optionFilterProp: 'label' }}
            value={tr.groupId}
            placeholder={t('send.pickGroup')}
            data-testid="trigger-group"
            onChange={(groupId) => setTrigger({ groupId })}
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
          />
        </Form.Item>
      ) : null}
      {tr.type === 'event' ? (
        <Form.Item label={t('journey.triggerEvent')} htmlFor="journey-trigger-event" {...fieldStatus(errors, 'trigger.event')}>
          <Select
            id="journey-trigger-event"
            value={tr.event}
            onChange={(event) => setTrigger({ event })}
            options={FIXED_EVENTS.map((e) => ({ value: e, label: e }))}
          />
        </Form.Item>
      ) : null}
      {tr.type === 'attribute_threshold' ? (
        <Form.Item label={t('journey.triggerThreshold')} extra={t('journey.thresholdHint')}>
          <ConditionRow
            c={{ field: tr.field ?? '', op: tr.op ?? '>=', value: tr.value as Condition['value'] }}
            path="trigger"
            errors={errors}
            scheme={scheme}
            onChange={(c) => onChange({ ...draft, trigger: { type: 'attribute_threshold', field: c.field, op: c.op as JourneyTrigger['op'], value: c.value } })}
          />
        </Form.Item>
      ) : null}
      {tr.type === 'form_submitted' ? (
        <Form.Item label={t('journey.triggerForm')} htmlFor="journey-trigger-form" {...fieldStatus(errors, 'trigger.formId')}>
          <Select
            id="journey-trigger-form"
            showSearch={{ optionFilterProp: 'label' }}
            value={tr.formId}
            placeholder={t('journey.pickForm')}
            onChange={(formId) => setTrigger({ formId })}
            options={forms.map((f) => ({ value: f.id, label: f.name }))}
          />
        </Form.Item>
      ) : null}
      {tr.type === 'inbound' ? (
        <Form.Item
          label={t('journey.triggerInbound')}
          htmlFor="journey-trigger-inbound"
          extra={t('journey.inboundHint')}
          {...fieldStatus(errors, 'trigger.inboundTriggerId')}
        >
          <Select
            id="journey-trigger-inbound"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={tr.inboundTriggerId}
            placeholder={t('journey.anyInbound')}
            onChange={(id) => onChange({ ...draft, trigger: id ? { type: 'inbound', inboundTriggerId: id } : { type: 'inbound' } })}
            options={inbound.map((i) => ({ value: i.id, label: i.name }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item label={t('journey.start')} htmlFor="journey-start" extra={t('journey.startHint')} {...fieldStatus(errors, 'start')}>
        <Select
          id="journey-start"
          value={draft.start || undefined}
          placeholder={t('journey.pickStart')}
          onChange={(start) => onChange({ ...draft, start })}
          data-testid="start-select"
          options={draft.nodes.map((n) => ({ value: n.id, label: n.label ? `${n.label} (${n.id})` : n.id }))}
        />
      </Form.Item>
    </Form>
  );
}

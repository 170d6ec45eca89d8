import { Tag } from 'antd';
import { useT, type MessageKey } from '../../i18n';
import type { JourneyTrigger } from '../../lib/models';

/** "群组进入 · VIP 客户": the trigger's type and what it names. `names` resolve ids to names. */
export function TriggerSummary({
  trigger,
  names,
}: {
  trigger: JourneyTrigger;
  names: { groups: Map<number, string>; forms: Map<number, string>; inbound: Map<number, string> };
}) {
  const { t } = useT();
  const detail =
    trigger.type === 'event'
      ? trigger.event
      : trigger.type === 'group_entry'
        ? (names.groups.get(trigger.groupId!) ?? `#${trigger.groupId}`)
        : trigger.type === 'form_submitted'
          ? (names.forms.get(trigger.formId!) ?? `#${trigger.formId}`)
          : trigger.type === 'inbound'
            ? trigger.inboundTriggerId
              ? (names.inbound.get(trigger.inboundTriggerId) ?? `#${trigger.inboundTriggerId}`)
              : null
            : trigger.type === 'attribute_threshold'
              ? `${trigger.field} ${trigger.op} ${JSON.stringify(trigger.value)}`
              : null;
  return (
    <span>
      <Tag color="geekblue" style={{ marginInlineEnd: 6 }}>
        {t(`journey.trigger.${trigger.type}` as MessageKey)}
      </Tag>
      {detail}
    </span>
  );
}

import { Button, Flex, Form, Radio, Switch } from 'antd';
import { RuleBuilder, type Rule } from '../../components/rule/RuleBuilder';
import type { FieldScheme } from '../../components/rule/rule-fields';
import { useT, type MessageKey } from '../../i18n';

/** What a success rule may read: the status, and a path into the JSON body (the headers stay API-only). */
function responseScheme(t: (key: MessageKey) => string): FieldScheme {
  return {
    choices: [
      { value: 'response.status', label: t('successRule.status'), kind: 'number' },
      { value: 'response.body.', label: t('successRule.body'), prefix: true, placeholder: 'errcode' },
    ],
    fresh: { field: 'response.body.errcode', op: '=', value: 0 },
  };
}

/** The receivers whose "no" comes in a 200: one click fills their rule. */
const PRESETS: { key: MessageKey; rule: Rule }[] = [
  { key: 'successRule.preset.errcode', rule: { field: 'response.body.errcode', op: '=', value: 0 } },
  { key: 'successRule.preset.code', rule: { field: 'response.body.code', op: '=', value: 0 } },
  { key: 'successRule.preset.success', rule: { field: 'response.body.success', op: '=', value: true } },
];

/** The rule as a form control: null is "the status alone". */
function RuleChoice({ value, onChange }: { value?: Rule | null; onChange?: (rule: Rule | null) => void }) {
  const { t } = useT();
  const byBody = value != null;
  return (
    <>
      <Radio.Group
        value={byBody ? 'body' : 'status'}
        onChange={(e) => onChange?.(e.target.value === 'body' ? PRESETS[0].rule : null)}
        options={[
          { value: 'status', label: t('successRule.byStatus') },
          { value: 'body', label: t('successRule.byBody') },
        ]}
      />
      {byBody ? (
        <div style={{ marginTop: 8 }}>
          <Flex gap={8} wrap style={{ marginBottom: 8 }}>
            {PRESETS.map((p) => (
              <Button key={p.key} size="small" onClick={() => onChange?.(p.rule)}>
                {t(p.key)}
              </Button>
            ))}
          </Flex>
          <RuleBuilder value={value} onChange={onChange} scheme={responseScheme(t)} path="successRule" />
        </div>
      ) : null}
    </>
  );
}

/**
 * 成功判定: when a 2xx answer counts as sent. DMS and chat robots say no in a 200's body; a rule over the
 * body makes that a failure (接收方拒绝) instead of a message counted as sent.
 */
export function SuccessRuleField() {
  const { t } = useT();
  const byBody = Form.useWatch('successRule', Form.useFormInstance()) != null;
  return (
    <>
      <Form.Item name="successRule" label={t('successRule.title')} extra={t('successRule.hint')}>
        <RuleChoice />
      </Form.Item>
      {byBody ? (
        <Form.Item name="retryRejected" label={t('successRule.retry')} valuePropName="checked" extra={t('successRule.retryHint')}>
          <Switch />
        </Form.Item>
      ) : null}
    </>
  );
}

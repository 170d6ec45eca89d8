import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, InputNumber, Segmented, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n';
import { choiceOf, customerScheme, defaultValue, fieldOptions, kindOf, OPS, type Condition, type FieldScheme, type Rule, type Scalar } from './rule-fields';

export type { Condition, Rule, Scalar } from './rule-fields';

const MAX_DEPTH = 6;
export const DEFAULT_RULE: Rule = { and: [{ field: 'activityScore', op: '>=', value: 500 }] };

interface Props {
  value?: Rule;
  onChange?: (rule: Rule) => void;
  /** API errors keyed by path (rule.and[1].op): each shows at the part it names. */
  errors?: Record<string, string[]>;
  /** What conditions may compare (default: customer fields, as in group rules). */
  scheme?: FieldScheme;
  /** The root's path in `errors` (default `rule`). */
  path?: string;
}

export function RuleBuilder({ value = DEFAULT_RULE, onChange, errors = {}, scheme, path = 'rule' }: Props) {
  const { t } = useT();
  const fields = useMemo(() => scheme ?? customerScheme(t), [scheme, t]);
  return <Node rule={value} path={path} depth={1} onChange={(r) => onChange?.(r)} errors={errors} scheme={fields} />;
}

function ErrorText({ errors, path }: { errors: Record<string, string[]>; path: string }) {
  const messages = Object.entries(errors)
    // This node's own messages (rule.and[1].op at rule.and[1]), not its children's.
    .filter(([p]) => p === path || (p.startsWith(`${path}.`) && !/\[\d+\]/.test(p.slice(path.length))))
    .flatMap(([, m]) => m);
  if (!messages.length) return null;
  return (
    <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} data-testid="rule-error">
      {messages.join('; ')}
    </Typography.Text>
  );
}

function Node({
  rule,
  path,
  depth,
  onChange,
  onRemove,
  errors,
  scheme,
}: {
  rule: Rule;
  path: string;
  depth: number;
  onChange: (r: Rule) => void;
  onRemove?: () => void;
  errors: Record<string, string[]>;
  scheme: FieldScheme;
}) {
  const { t } = useT();
  if ('and' in rule || 'or' in rule) {
    const op = 'and' in rule ? 'and' : 'or';
    const children: Rule[] = 'and' in rule ? rule.and : rule.or;
    const set = (list: Rule[], nextOp = op) => onChange((nextOp === 'and' ? { and: list } : { or: list }) as Rule);
    return (
      <Card size="small" style={{ background: depth % 2 ? '#fafafa' : '#fff' }} styles={{ body: { padding: 8 } }}>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <Segmented
            aria-label={t('ruleLabels.combine')}
            size="small"
            value={op}
            onChange={(v) => set(children, v as 'and' | 'or')}
            options={[
              { value: 'and', label: t('rule.and') },
              { value: 'or', label: t('rule.or') },
            ]}
          />
          <Button size="small" icon={<PlusOutlined />} onClick={() => set([...children, { ...scheme.fresh }])}>
            {t('rule.addCondition')}
          </Button>
          {depth < MAX_DEPTH ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => set([...children, { and: [{ ...scheme.fresh }] }])}>
              {t('rule.addGroup')}
            </Button>
          ) : null}
          {onRemove ? <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('common.delete')} /> : null}
        </Flex>
        <ErrorText errors={errors} path={path} />
        <Flex vertical gap={8}>
          {children.map((child, i) => (
            <Node
              key={i}
              rule={child}
              path={`${path}.${op}[${i}]`}
              depth={depth + 1}
              errors={errors}
              scheme={scheme}
              onChange={(r) => set(children.map((c, j) => (j === i ? r : c)))}
              onRemove={() => set(children.filter((_, j) => j !== i))}
            />
          ))}
        </Flex>
      </Card>
    );
  }
  return <ConditionRow c={rule} path={path} onChange={onChange} onRemove={onRemove} errors={errors} scheme={scheme} />;
}

/** One {field, op, value}; also used alone (an attribute_threshold trigger is one condition). */
export function ConditionRow({
  c,
  path,
  onChange,
  onRemove,
  errors,
  scheme,
}: {
  c: Condition;
  path: string;
  onChange: (r: Condition) => void;
  onRemove?: () => void;
  errors: Record<string, string[]>;
  scheme: FieldScheme;
}) {
  const { t } = useT();
  const kind = kindOf(scheme, c.field);
  const choice = choiceOf(scheme, c.field);
  const isPath = !!choice?.prefix;
  const pathRest = isPath ? c.field.slice(choice.value.length) : '';
  const setField = (field: string) => {
    const k = kindOf(scheme, field);
    const op = OPS[k].includes(c.op) ? c.op : OPS[k][0];
    onChange({ field, op, value: k === kind && op === c.op ? c.value : defaultValue(k, op) });
  };
  const setOp = (op: string) =>
    onChange({ ...c, op, value: (op === 'in') !== Array.isArray(c.value) || op === 'exists' || c.op === 'exists' ? defaultValue(kind, op) : c.value });

  let valueInput: React.ReactNode;
  if (c.op === 'exists') {
    valueInput = (
      <Select
        aria-label={t('ruleLabels.value')}
        value={c.value === true}
        onChange={(v) => onChange({ ...c, value: v })}
        style={{ width: 120 }}
        options={[
          { value: true, label: t('rule.present') },
          { value: false, label: t('rule.absent') },
        ]}
      />
    );
  } else if (c.op === 'in') {
    valueInput = (
      <Select
        aria-label={t('ruleLabels.value')}
        mode="tags"
        value={((c.value as Scalar[]) ?? []).map(String)}
        style={{ minWidth: 200, flex: 1 }}
        tokenSeparators={[',', '，']}
        onChange={(vals: string[]) => onChange({ ...c, value: kind === 'number' ? vals.map(Number).filter((n) => !Number.isNaN(n)) : vals })}
      />
    );
  } else if (kind === 'number') {
    valueInput = (
      <InputNumber aria-label={t('ruleLabels.value')} value={c.value as number} onChange={(v) => onChange({ ...c, value: v ?? 0 })} style={{ width: 140 }} />
    );
  } else if (kind === 'attribute') {
    const type = typeof c.value === 'number' ? 'number' : typeof c.value === 'boolean' ? 'boolean' : 'string';
    valueInput = (
      <Flex gap={4} style={{ flex: 1, minWidth: 200 }}>
        <Select
          aria-label={t('ruleLabels.valueType')}
          value={type}
          style={{ width: 90 }}
          onChange={(ty) => onChange({ ...c, value: ty === 'number' ? Number(c.value) || 0 : ty === 'boolean' ? true : String(c.value ?? '') })}
          options={[
            { value: 'string', label: t('rule.text') },
            { value: 'number', label: t('rule.number') },
            { value: 'boolean', label: t('rule.boolean') },
          ]}
        />
        {type === 'number' ? (
          <InputNumber aria-label={t('ruleLabels.value')} value={c.value as number} onChange={(v) => onChange({ ...c, value: v ?? 0 })} style={{ flex: 1 }} />
        ) : type === 'boolean' ? (
          <Select
            aria-label={t('ruleLabels.value')}
            value={c.value as boolean}
            onChange={(v) => onChange({ ...c, value: v })}
            style={{ flex: 1 }}
            options={[
              { value: true, label: 'true' },
              { value: false, label: 'false' },
            ]}
          />
        ) : (
          <Input
            aria-label={t('ruleLabels.value')}
            value={String(c.value ?? '')}
            onChange={(e) => onChange({ ...c, value: e.target.value })}
            style={{ flex: 1 }}
          />
        )}
      </Flex>
    );
  } else {
    valueInput = (
      <Input
        aria-label={t('ruleLabels.value')}
        value={String(c.value ?? '')}
        onChange={(e) => onChange({ ...c, value: e.target.value })}
        style={{ flex: 1, minWidth: 160 }}
        placeholder={kind === 'date' ? '2026-01-01T00:00:00Z' : undefined}
      />
    );
  }

  return (
    <div data-testid="rule-condition">
      <Flex gap={8} wrap align="center">
        <Select
          aria-label={t('ruleLabels.field')}
          value={choice ? (isPath ? `@${choice.value}` : choice.value) : undefined}
          style={{ width: 160 }}
          popupMatchSelectWidth={false}
          onChange={(v: string) => {
            const picked = v.startsWith('@') ? scheme.choices.find((x) => x.prefix && x.value === v.slice(1)) : undefined;
            setField(picked ? picked.value + (picked.placeholder ?? '') : v);
          }}
          options={fieldOptions(scheme)}
        />
        {isPath ? (
          <Input
            aria-label={t('ruleLabels.path')}
            value={pathRest}
            onChange={(e) => onChange({ ...c, field: choice.value + e.target.value })}
            placeholder={choice.placeholder}
            style={{ width: 220 }}
            prefix={<Typography.Text type="secondary">{choice.value}</Typography.Text>}
          />
        ) : null}
        <Select
          aria-label={t('ruleLabels.op')}
          value={c.op}
          onChange={setOp}
          style={{ width: 110 }}
          options={OPS[kind].map((o) => ({ value: o, label: t(`rule.op.${o}` as never) }))}
        />
        {valueInput}
        {onRemove ? <Button danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('common.delete')} /> : null}
      </Flex>
      <ErrorText errors={errors} path={path} />
    </div>
  );
}

import { BranchesOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { RuleBuilder, type Rule } from '../../../../components/rule/RuleBuilder';
import { journeyScheme } from '../../../../components/rule/rule-fields';
import { useT } from '../../../../i18n';
import type { JourneyNode } from '../../../../lib/models';
import type { FieldProps, NodeKind } from './kind';

/** The first condition of a rule, and how many more there are (`customer.activityScore >= 500 +2`). */
export function firstCondition(rule: unknown): { text: string; more: number } | null {
  if (!rule || typeof rule !== 'object') return null;
  const r = rule as Record<string, unknown>;
  const list = (r.and ?? r.or) as unknown[] | undefined;
  if (Array.isArray(list)) {
    const first = list.length ? firstCondition(list[0]) : null;
    return first ? { text: first.text, more: first.more + list.length - 1 } : null;
  }
  return { text: `${r.field} ${r.op} ${JSON.stringify(r.value)}`, more: 0 };
}

/** A rule with every `nodes.<oldId>.…` field read from `nodes.<newId>.…` instead. */
export function renameRuleFields(rule: unknown, oldId: string, newId: string): unknown {
  const prefix = `nodes.${oldId}.`;
  const rename = (r: unknown): unknown => {
    if (Array.isArray(r)) return r.map(rename);
    if (r && typeof r === 'object') {
      const o = r as Record<string, unknown>;
      if (typeof o.field === 'string' && o.field.startsWith(prefix)) return { ...o, field: `nodes.${newId}.${o.field.slice(prefix.length)}` };
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, rename(v)]));
    }
    return r;
  };
  return rename(rule);
}

const isGroup = (r: Rule) => !!r && typeof r === 'object' && ('and' in r || 'or' in r);
const asGroup = (r: Rule): Rule => (isGroup(r) ? r : { and: [r] });

/** The group-rule builder over customer.*, trigger.* and the webhook nodes' outcomes. */
function ConditionFields({ node, onChange, errors, draft }: FieldProps) {
  const { t } = useT();
  const webhookNodeIds = useMemo(() => draft.nodes.filter((n) => n.type === 'webhook').map((n) => n.id), [draft.nodes]);
  const scheme = useMemo(() => journeyScheme(t, webhookNodeIds), [t, webhookNodeIds]);
  // A bare condition is shown inside an 全部满足 group so more can be added (it is saved as a group once
  // edited); its errors (`rule.field`) move with it (`rule.and[0].field`).
  const bare = !isGroup(node.rule as Rule);
  const shown = bare ? Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replace(/^rule(?=\.|$)/, 'rule.and[0]'), v])) : errors;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('journey.conditionHint')}
      </Typography.Paragraph>
      <RuleBuilder
        value={asGroup(node.rule as Rule)}
        onChange={(rule) => onChange({ ...node, rule: rule as JourneyNode['rule'] })}
        errors={shown}
        scheme={scheme}
      />
    </>
  );
}

/** condition: a rule over the customer, the trigger and earlier webhook calls; 是 and 否 branches. */
export const conditionNode: NodeKind = {
  label: 'journey.node.condition',
  icon: <BranchesOutlined />,
  color: '#8250df',
  links: [
    { key: 'then', color: '#1a7f37', label: 'journey.edge.then', count: (c) => c.then },
    { key: 'else', color: '#cf222e', label: 'journey.edge.else', count: (c) => c.else },
  ],
  create: () => ({ rule: { and: [{ field: 'customer.activityScore', op: '>=', value: 500 }] } }),
  describe: (_t, n) => {
    const c = firstCondition(n.rule);
    return c ? c.text + (c.more ? ` +${c.more}` : '') : '';
  },
  Fields: ConditionFields,
  renameRefs: (n, oldId, newId) => ({ ...n, rule: renameRuleFields(n.rule, oldId, newId) as JourneyNode['rule'] }),
};

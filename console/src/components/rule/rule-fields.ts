import type { SelectProps } from 'antd';
import type { MessageKey } from '../../i18n';

/** The README's rule language: {and|or: [...]} nesting conditions {field, op, value}. Edited in that exact shape. */
export type Scalar = string | number | boolean;
export interface Condition {
  field: string;
  op: string;
  value?: Scalar | Scalar[];
}
export type Rule = Condition | { and: Rule[] } | { or: Rule[] };

export type Kind = 'number' | 'string' | 'date' | 'attribute';
const COMPARISONS = ['=', '!=', '>', '>=', '<', '<='];
export const OPS: Record<Kind, string[]> = {
  number: [...COMPARISONS, 'in'],
  string: ['=', '!=', 'in', 'contains', 'exists'],
  date: [...COMPARISONS, 'exists'],
  attribute: [...COMPARISONS, 'in', 'contains', 'exists'],
};

/**
 * What a rule may compare. A fixed field is one column (`activityScore`); a path field is free text
 * under a prefix (`attributes.` + `city`, `trigger.` + `data.city`), always of kind `attribute`.
 */
export interface FieldChoice {
  /** The whole field (fixed) or the prefix (path). */
  value: string;
  label: string;
  group?: string;
  kind?: Kind;
  prefix?: boolean;
  placeholder?: string;
}

export interface FieldScheme {
  choices: FieldChoice[];
  /** A new condition added by "+ 条件". */
  fresh: Condition;
}

type T = (key: MessageKey) => string;

const CUSTOMER_FIELDS: Record<string, Kind> = {
  activityScore: 'number',
  name: 'string',
  wechatNickname: 'string',
  mobile: 'string',
  email: 'string',
  id: 'number',
  createdAt: 'date',
  updatedAt: 'date',
  unsubscribedAt: 'date',
};

/** Group rules and attribute thresholds: customer columns and `attributes.<key>`. */
export function customerScheme(t: T, fields: string[] = Object.keys(CUSTOMER_FIELDS)): FieldScheme {
  return {
    choices: [
      ...fields.map((f) => ({ value: f, label: t(`rule.field.${f}` as MessageKey), kind: CUSTOMER_FIELDS[f] })),
      { value: 'attributes.', label: t('rule.field.attributes'), prefix: true, placeholder: 'city' },
    ],
    fresh: { field: 'activityScore', op: '>=', value: 0 },
  };
}

/**
 * Journey conditions: `customer.<field>`, `trigger.<path>` (the occurrence) and
 * `nodes.<webhook node id>.<path>` (that call's outcome and response).
 */
export function journeyScheme(t: T, webhookNodeIds: string[]): FieldScheme {
  const customer = t('rule.group.customer');
  return {
    choices: [
      ...Object.entries(CUSTOMER_FIELDS).map(([f, kind]) => ({ value: `customer.${f}`, label: t(`rule.field.${f}` as MessageKey), kind, group: customer })),
      { value: 'customer.attributes.', label: t('rule.field.attributes'), prefix: true, placeholder: 'city', group: customer },
      { value: 'trigger.', label: t('rule.field.trigger'), prefix: true, placeholder: 'data.city', group: t('rule.group.trigger') },
      ...webhookNodeIds.map((id) => ({ value: `nodes.${id}.`, label: id, prefix: true, placeholder: 'response.status', group: t('rule.group.nodes') })),
    ],
    fresh: { field: 'customer.activityScore', op: '>=', value: 0 },
  };
}

/** The choice a field belongs to: its fixed entry, else the longest prefix it starts with. */
export function choiceOf(scheme: FieldScheme, field: string): FieldChoice | undefined {
  const fixed = scheme.choices.find((c) => !c.prefix && c.value === field);
  if (fixed) return fixed;
  return scheme.choices.filter((c) => c.prefix && field.startsWith(c.value)).sort((a, b) => b.value.length - a.value.length)[0];
}

export const kindOf = (scheme: FieldScheme, field: string): Kind => choiceOf(scheme, field)?.kind ?? 'attribute';

export function defaultValue(kind: Kind, op: string): Condition['value'] {
  if (op === 'exists') return true;
  if (op === 'in') return [];
  return kind === 'number' ? 0 : kind === 'date' ? new Date().toISOString() : '';
}

/** antd Select options, grouped when the choices name groups. */
export function fieldOptions(scheme: FieldScheme): NonNullable<SelectProps['options']> {
  const option = (c: FieldChoice) => ({ value: c.prefix ? `@${c.value}` : c.value, label: c.label });
  if (!scheme.choices.some((c) => c.group)) return scheme.choices.map(option);
  const groups = new Map<string, FieldChoice[]>();
  for (const c of scheme.choices) groups.set(c.group ?? '', [...(groups.get(c.group ?? '') ?? []), c]);
  return [...groups].map(([label, list]) => ({ label, title: label, options: list.map(option) }));
}

import { DeleteOutlined, PlusOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useState } from 'react';
import { useT, type MessageKey } from '../../../../i18n';
import { fieldStatus, NEXT, type FieldProps, type NodeKind } from './kind';

const COLUMNS = ['name', 'wechatNickname', 'mobile', 'email'];
interface Row {
  field: string;
  value: string;
}

/** set → rows of (field, value); attributes are `attributes.<key>`. Values stay text (they may be templates). */
export function toRows(set: Record<string, unknown> | undefined): Row[] {
  return Object.entries(set ?? {}).map(([field, value]) => ({ field, value: value == null ? '' : String(value) }));
}

export function toSet(rows: Row[]): Record<string, string> | undefined {
  const filled = rows.filter((r) => r.field && r.field !== 'attributes.');
  return filled.length ? Object.fromEntries(filled.map((r) => [r.field, r.value])) : undefined;
}

/** Fields to set (templates allowed), an activity change, static groups to join or leave. */
function UpdateCustomerFields({ node, onChange, errors, groups }: FieldProps) {
  const { t } = useT();
  // Rows are edited here (a half-typed key must not collapse into another row), the node gets the object.
  const [rows, setRows] = useState<Row[]>(() => toRows(node.set));
  const apply = (next: Row[]) => {
    setRows(next);
    const set = toSet(next);
    const { set: _, ...rest } = node;
    onChange(set ? { ...rest, set } : rest);
  };
  const setRow = (i: number, row: Row) => apply(rows.map((r, j) => (j === i ? row : r)));
  const staticGroups = groups.filter((g) => g.type === 'static').map((g) => ({ value: g.id, label: g.name }));
  const groupPicker = (key: 'addToGroupId' | 'removeFromGroupId', testId: string) => (
    <Select
      id={`journey-node-${key}`}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={node[key]}
      options={staticGroups}
      placeholder={t('journey.pickStaticGroup')}
      data-testid={testId}
      onChange={(id) => onChange(id ? { ...node, [key]: id } : (({ [key]: _, ...rest }) => rest)(node))}
    />
  );

  return (
    <>
      <Form.Item label={t('journey.set')} {...fieldStatus(errors, 'set')} extra={t('journey.setHint')}>
        <Flex vertical gap={6}>
          {rows.map((r, i) => {
            const isAttr = r.field.startsWith('attributes.');
            return (
              <Flex key={i} gap={4} wrap data-testid="set-row">
                <Select
                  aria-label={t('journeyLabels.setField', { n: i + 1 })}
                  value={isAttr ? 'attributes.' : r.field || undefined}
                  style={{ width: 120 }}
                  placeholder={t('journey.setField')}
                  onChange={(f: string) => setRow(i, { ...r, field: f === 'attributes.' ? 'attributes.' : f })}
                  options={[
                    ...COLUMNS.map((c) => ({ value: c, label: t(`rule.field.${c}` as MessageKey) })),
                    { value: 'attributes.', label: t('rule.field.attributes') },
                  ]}
                />
                {isAttr ? (
                  <Input
                    aria-label={t('journeyLabels.setAttribute', { n: i + 1 })}
                    value={r.field.slice('attributes.'.length)}
                    placeholder="crmId"
                    style={{ width: 110 }}
                    data-testid="set-attribute"
                    onChange={(e) => setRow(i, { ...r, field: `attributes.${e.target.value}` })}
                  />
                ) : null}
                <Input
                  aria-label={t('journeyLabels.setValue', { n: i + 1 })}
                  value={r.value}
                  placeholder="{{ nodes.webhook_1.response.body.id }}"
                  style={{ flex: 1, minWidth: 140 }}
                  data-testid="set-value"
                  onChange={(e) => setRow(i, { ...r, value: e.target.value })}
                />
                <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => apply(rows.filter((_, j) => j !== i))} />
              </Flex>
            );
          })}
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setRows([...rows, { field: 'attributes.', value: '' }])}
            data-testid="add-set-row"
          >
            {t('journey.addSet')}
          </Button>
        </Flex>
      </Form.Item>
      <Form.Item label={t('journey.activityDelta')} htmlFor="journey-node-activity" {...fieldStatus(errors, 'activityDelta')}>
        <InputNumber
          id="journey-node-activity"
          value={node.activityDelta}
          style={{ width: '100%' }}
          placeholder="+10 / -5"
          data-testid="activity-delta"
          onChange={(v) => onChange(v == null ? (({ activityDelta: _, ...rest }) => rest)(node) : { ...node, activityDelta: Number(v) })}
        />
      </Form.Item>
      <Form.Item label={t('journey.addToGroup')} htmlFor="journey-node-addToGroupId" {...fieldStatus(errors, 'addToGroupId')}>
        {groupPicker('addToGroupId', 'add-to-group')}
      </Form.Item>
      <Form.Item label={t('journey.removeFromGroup')} htmlFor="journey-node-removeFromGroupId" {...fieldStatus(errors, 'removeFromGroupId')}>
        {groupPicker('removeFromGroupId', 'remove-from-group')}
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('journey.updateHint')}
      </Typography.Paragraph>
    </>
  );
}

/** update_customer: sets the run's customer's fields, changes its activity, adds it to or removes it from a static group. */
export const updateCustomerNode: NodeKind = {
  label: 'journey.node.update_customer',
  icon: <UserSwitchOutlined />,
  color: '#1a7f37',
  links: [NEXT],
  create: () => ({}),
  describe: (t, n, names) => {
    const parts = Object.keys(n.set ?? {});
    if (n.activityDelta) parts.push(`${t('journey.activityShort')} ${n.activityDelta > 0 ? '+' : ''}${n.activityDelta}`);
    if (n.addToGroupId) parts.push(`+${names.groups.get(n.addToGroupId) ?? `#${n.addToGroupId}`}`);
    if (n.removeFromGroupId) parts.push(`−${names.groups.get(n.removeFromGroupId) ?? `#${n.removeFromGroupId}`}`);
    return parts.join(', ');
  },
  Fields: UpdateCustomerFields,
};

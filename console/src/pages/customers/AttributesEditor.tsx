import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Grid, Input, InputNumber, Select, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT, type MessageKey } from '../../i18n';
import { ATTRIBUTE_TYPES, rowProblem, type AttributeRow, type AttributeType } from './attributeRows';

const EMPTY: Record<AttributeType, AttributeRow['value']> = { text: '', number: null, boolean: true, date: null, json: '{}' };

/** The value box for a row's type, labelled for screen readers; Form.Item's value, onChange and id pass through. */
function ValueInput({ type, label, ...control }: { type: AttributeType; label: string; [prop: string]: unknown }) {
  const { t } = useT();
  if (type === 'number') return <InputNumber {...control} aria-label={label} style={{ width: '100%' }} />;
  if (type === 'boolean')
    return (
      <Select
        {...control}
        aria-label={label}
        options={[
          { value: true, label: t('customerEdit.yes') },
          { value: false, label: t('customerEdit.no') },
        ]}
      />
    );
  if (type === 'date') return <DatePicker {...control} aria-label={label} style={{ width: '100%' }} />;
  return <Input {...control} aria-label={label} />;
}

/**
 * 自定义属性 as rows of name, type (文本 / 数字 / 是/否 / 日期) and value. Problems are said on the row
 * (a missing or repeated name, a value that is not of its type); the API's own (too large, too deep)
 * land on the whole list.
 */
export function AttributesEditor({ form }: { form: FormInstance }) {
  const { t } = useT();
  // On a phone a row wraps onto two lines: a tinted box keeps its name, type and value together.
  const phone = !Grid.useBreakpoint().md;
  const rowStyle = phone ? { background: '#fafafa', borderRadius: 6, padding: '8px 8px 0', marginBottom: 8 } : undefined;
  const head = (text: string, flex: string) => (
    <Typography.Text type="secondary" style={{ flex, fontSize: 12 }}>
      {text}
    </Typography.Text>
  );
  return (
    <Form.List name="attributes">
      {(fields, { add, remove }) => (
        <Flex vertical gap={0}>
          {fields.length && !phone ? (
            <Flex gap={8} aria-hidden style={{ marginBottom: 4, paddingInlineEnd: 40 }}>
              {head(t('customerEdit.attrKey'), '1 1 120px')}
              {head(t('customerEdit.attrType'), '0 0 96px')}
              {head(t('customerEdit.attrValue'), '2 1 160px')}
            </Flex>
          ) : null}
          {fields.map((field, i) => {
            const n = i + 1;
            return (
              <Flex key={field.key} gap={8} align="flex-start" wrap data-testid="attribute-row" style={rowStyle}>
                <Form.Item
                  name={[field.name, 'key']}
                  style={{ flex: '1 1 120px', marginBottom: 12 }}
                  // A repeated name is said on both rows; fixing one clears the other.
                  dependencies={fields.filter((f) => f.key !== field.key).map((f) => ['attributes', f.name, 'key'])}
                  rules={[
                    {
                      validator: async (_, key: string) =>
                        rowProblem({ key, type: 'text', value: '' }) ? Promise.reject(new Error(t('customerEdit.keyRequired'))) : undefined,
                    },
                    {
                      validator: async (_, key: string) => {
                        const rows: AttributeRow[] = form.getFieldValue('attributes') ?? [];
                        if (key && rows.filter((r) => r?.key?.trim() === key.trim()).length > 1)
                          throw new Error(t('customerEdit.keyDuplicate', { key: key.trim() }));
                      },
                    },
                  ]}
                >
                  <Input aria-label={t('customerEdit.attrKeyOf', { n })} placeholder={t('customerEdit.attrKey')} />
                </Form.Item>
                <Form.Item name={[field.name, 'type']} style={{ flex: '0 0 96px', marginBottom: 12 }}>
                  <Select
                    aria-label={t('customerEdit.attrTypeOf', { n })}
                    options={ATTRIBUTE_TYPES.map((type) => ({ value: type, label: t(`customerEdit.type.${type}` as MessageKey) }))}
                    onChange={(type: AttributeType) => form.setFieldValue(['attributes', field.name, 'value'], EMPTY[type])}
                  />
                </Form.Item>
                <Form.Item noStyle dependencies={[['attributes', field.name, 'type']]}>
                  {() => {
                    const type: AttributeType = form.getFieldValue(['attributes', field.name, 'type']) ?? 'text';
                    const date = type === 'date';
                    return (
                      <Form.Item
                        name={[field.name, 'value']}
                        style={{ flex: '2 1 160px', marginBottom: 12 }}
                        getValueProps={date ? (v: string | null) => ({ value: v ? dayjs(v) : null }) : undefined}
                        normalize={date ? (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null) : undefined}
                        rules={[
                          {
                            validator: async (_, value) => {
                              const problem = rowProblem({ key: 'x', type, value });
                              if (problem) throw new Error(t(`customerEdit.${problem}` as MessageKey));
                            },
                          },
                        ]}
                      >
                        <ValueInput type={type} label={t('customerEdit.attrValueOf', { n })} />
                      </Form.Item>
                    );
                  }}
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('customerEdit.removeAttribute', { n })}
                  onClick={() => {
                    remove(field.name);
                    // Names said to be repeated may not be any more.
                    const stale = form.getFieldsError().filter((e) => e.errors.length && e.name[0] === 'attributes' && e.name[2] === 'key');
                    if (stale.length) void form.validateFields(stale.map((e) => e.name)).catch(() => undefined);
                  }}
                />
              </Flex>
            );
          })}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ key: '', type: 'text', value: '' })}
            data-testid="add-attribute"
            style={{ alignSelf: 'flex-start' }}
          >
            {t('customerEdit.addAttribute')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownOutlined, PlusOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { FORM_FIELD_TYPES, type FormField } from '../../lib/models';
import { deriveKeys, typeForLabel } from './fieldKeys';

const COLUMNS = ['name', 'mobile', 'email', 'wechatNickname'];

/** `maps` as a picker: none, a customer column, or `attributes.<key>` with the key typed. */
function MapsInput({ value, onChange, onEdit, id }: { value?: string; onChange?: (v: string | undefined) => void; onEdit?: () => void; id?: string }) {
  const { t } = useT();
  const isAttr = value?.startsWith('attributes.');
  return (
    <Flex gap={4}>
      <Select
        id={id}
        allowClear
        value={isAttr ? 'attributes.' : value}
        placeholder={t('forms.mapsNone')}
        style={{ width: 130 }}
        data-testid="field-maps"
        onChange={(v?: string) => {
          onEdit?.();
          onChange?.(v === 'attributes.' ? 'attributes.' : v);
        }}
        options={[
          ...COLUMNS.map((c) => ({ value: c, label: t(`rule.field.${c}` as MessageKey) })),
          { value: 'attributes.', label: t('rule.field.attributes') },
        ]}
      />
      {isAttr ? (
        <Input
          value={value!.slice('attributes.'.length)}
          placeholder="city"
          aria-label={t('rule.field.attributes')}
          style={{ flex: 1 }}
          onChange={(e) => {
            onEdit?.();
            onChange?.(`attributes.${e.target.value}`);
          }}
        />
      ) : null}
    </Flex>
  );
}

/** A field in the editor: what the API takes, and whether its key, mapping and type are still made for it. */
export type EditorField = FormField & { auto?: boolean; typeSet?: boolean; typeAuto?: boolean };

/** A new field: a text input whose key and mapping follow its label (see fieldKeys.ts). */
export function newField(fields: FormField[]): EditorField {
  const taken = new Set(fields.map((f) => f?.name));
  let i = fields.length + 1;
  while (taken.has(`field_${i}`)) i++;
  return { name: `field_${i}`, label: '', type: 'text', required: false, auto: true };
}

/** The changes that keep automatic fields' type, key and mapping in step with their labels. */
function derivedChanges(fields: EditorField[]): { name: (string | number)[]; value: unknown }[] {
  const out: { name: (string | number)[]; value: unknown }[] = [];
  fields.forEach((f, i) => {
    if (!f?.auto || f.typeSet) return;
    // A label such as 手机号 asks for the phone type (the page's keypad, the mobile check) until a type is picked.
    const suggested = typeForLabel(f.label);
    const type = suggested ?? (f.typeAuto ? 'text' : f.type);
    if (type !== f.type) out.push({ name: ['fields', i, 'type'], value: type }, { name: ['fields', i, 'typeAuto'], value: !!suggested });
  });
  if (out.length) return out; // the keys follow on the next round, from the new types
  const derived = deriveKeys(fields.map((f) => f ?? {}));
  fields.forEach((f, i) => {
    if (!f?.auto) return;
    if (f.name !== derived[i].name) out.push({ name: ['fields', i, 'name'], value: derived[i].name });
    if (f.maps !== derived[i].maps) out.push({ name: ['fields', i, 'maps'], value: derived[i].maps });
  });
  return out;
}

/** What a field's key and mapping are, in a line. */
function KeySummary({ field }: { field?: EditorField }) {
  const { t } = useT();
  if (!field) return null;
  const maps = field.maps && field.maps !== 'attributes.' ? field.maps : undefined;
  const target = !maps
    ? undefined
    : maps.startsWith('attributes.')
      ? t('editors.form.target.attributes', { key: maps.slice('attributes.'.length) })
      : t(`rule.field.${maps}` as MessageKey);
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="field-summary">
      {target ? t('editors.form.summary', { key: field.name, target }) : t('editors.form.summaryNone', { key: field.name })}
    </Typography.Text>
  );
}

/**
 * 表单字段: add, remove, reorder; title, type, required, options (select / checkbox). The key and
 * the customer field it fills are made from the type and title, shown in a line, and editable under
 * 高级 (editing one there stops making it), with the placeholder.
 */
export function FieldListEditor() {
  const { t } = useT();
  const form = Form.useFormInstance();
  const fieldsNow = Form.useWatch('fields', { form, preserve: true }) as EditorField[] | undefined;
  const [open, setOpen] = useState<Set<number>>(new Set());
  useEffect(() => {
    const changes = derivedChanges(fieldsNow ?? []);
    if (changes.length) form.setFields(changes);
  }, [fieldsNow, form]);
  const setOwn = (index: number) => form.setFieldValue(['fields', index, 'auto'], false);
  const toggle = (key: number) => setOpen((s) => new Set(s.has(key) ? [...s].filter((k) => k !== key) : [...s, key]));

  return (
    <Form.List name="fields">
      {(fields, { add, remove, move }, { errors }) => (
        <Flex vertical gap={8}>
          {fields.map((f, i) => {
            const value = fieldsNow?.[f.name];
            // A refused key or mapping is shown: its section opens.
            const refused = form.getFieldError(['fields', f.name, 'name']).length + form.getFieldError(['fields', f.name, 'maps']).length > 0;
            const advanced = open.has(f.key) || refused;
            return (
              <Card
                key={f.key}
                size="small"
                data-testid={`form-field-${i}`}
                styles={{ body: { paddingBottom: 8 } }}
                title={<Typography.Text type="secondary">#{i + 1}</Typography.Text>}
                extra={
                  <Flex gap={4}>
                    <Button
                      size="small"
                      icon={<ArrowUpOutlined />}
                      disabled={i === 0 || undefined}
                      onClick={() => move(i, i - 1)}
                      aria-label={t('forms.moveUp')}
                    />
                    <Button
                      size="small"
                      icon={<ArrowDownOutlined />}
                      disabled={i === fields.length - 1 || undefined}
                      onClick={() => move(i, i + 1)}
                      aria-label={t('forms.moveDown')}
                    />
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                  </Flex>
                }
              >
                <Row gutter={8}>
                  <Col xs={24} md={10}>
                    <Form.Item name={[f.name, 'label']} label={t('forms.fieldLabel')} rules={[{ required: true }]}>
                      <Input data-testid="field-label" placeholder={t('editors.form.labelPlaceholder')} />
                    </Form.Item>
                  </Col>
                  <Col xs={14} md={8}>
                    <Form.Item name={[f.name, 'type']} label={t('forms.fieldType')}>
                      <Select
                        data-testid="field-type"
                        onChange={() => form.setFieldValue(['fields', f.name, 'typeSet'], true)}
                        options={FORM_FIELD_TYPES.map((ty) => ({ value: ty, label: t(`forms.type.${ty}` as MessageKey) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={6}>
                    <Form.Item name={[f.name, 'required']} label={t('forms.required')} valuePropName="checked">
                      <Switch data-testid="field-required" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item noStyle shouldUpdate={(a, b) => a.fields?.[f.name]?.type !== b.fields?.[f.name]?.type}>
                  {() => (['select', 'checkbox'].includes(form.getFieldValue(['fields', f.name, 'type'])) ? <OptionsEditor fieldIndex={f.name} /> : null)}
                </Form.Item>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <KeySummary field={value} />
                  <Button
                    type="link"
                    size="small"
                    icon={advanced ? <UpOutlined /> : <DownOutlined />}
                    aria-expanded={advanced}
                    onClick={() => toggle(f.key)}
                    data-testid="field-advanced"
                  >
                    {t('editors.form.advanced')}
                  </Button>
                </Flex>
                {/* Rendered while folded too: the inputs stay in the form (and its checks). */}
                <Row gutter={8} style={{ marginTop: 8, display: advanced ? undefined : 'none' }}>
                  <Col xs={24} md={10}>
                    <Form.Item
                      name={[f.name, 'name']}
                      label={t('forms.fieldName')}
                      rules={[{ required: true }]}
                      extra={value?.auto ? t('editors.form.keyHint', { key: value?.name ?? '' }) : undefined}
                    >
                      <Input style={{ fontFamily: 'ui-monospace, monospace' }} data-testid="field-name" onChange={() => setOwn(f.name)} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={14}>
                    <Form.Item name={[f.name, 'maps']} label={t('forms.maps')} tooltip={t('forms.mapsHint')}>
                      <MapsInput onEdit={() => setOwn(f.name)} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name={[f.name, 'placeholder']} label={t('forms.placeholder')}>
                      <Input />
                    </Form.Item>
                  </Col>
                  {value && !value.auto ? (
                    <Col xs={24}>
                      <Button size="small" onClick={() => form.setFieldValue(['fields', f.name, 'auto'], true)} data-testid="field-auto">
                        {t('editors.form.reauto')}
                      </Button>
                    </Col>
                  ) : null}
                </Row>
              </Card>
            );
          })}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newField(form.getFieldValue('fields') ?? []))} data-testid="add-field">
            {t('forms.addField')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

/** Choices of a select, or the boxes of a multi-value checkbox: value (stored) and label (shown). */
function OptionsEditor({ fieldIndex }: { fieldIndex: number }) {
  const { t } = useT();
  return (
    <Form.List name={[fieldIndex, 'options']}>
      {(options, { add, remove }, { errors }) => (
        <Form.Item label={t('forms.options')} extra={t('forms.optionsHint')}>
          <Flex vertical gap={4}>
            {options.map((o) => (
              <Flex key={o.key} gap={4}>
                <Form.Item name={[o.name, 'value']} noStyle rules={[{ required: true }]}>
                  <Input placeholder={t('forms.optionValue')} style={{ flex: 1 }} />
                </Form.Item>
                <Form.Item name={[o.name, 'label']} noStyle rules={[{ required: true }]}>
                  <Input placeholder={t('forms.optionLabel')} style={{ flex: 2 }} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(o.name)} aria-label={t('common.delete')} />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ value: '', label: '' })}>
              {t('forms.addOption')}
            </Button>
          </Flex>
        </Form.Item>
      )}
    </Form.List>
  );
}

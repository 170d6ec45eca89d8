import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useT, type MessageKey } from '../../i18n';
import { FORM_FIELD_TYPES, type FormField } from '../../lib/models';

const COLUMNS = ['name', 'mobile', 'email', 'wechatNickname'];

/** `maps` as a picker: none, a customer column, or `attributes.<key>` with the key typed. */
function MapsInput({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
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
        onChange={(v?: string) => onChange?.(v === 'attributes.' ? 'attributes.' : v)}
        options={[
          ...COLUMNS.map((c) => ({ value: c, label: t(`rule.field.${c}` as MessageKey) })),
          { value: 'attributes.', label: t('rule.field.attributes') },
        ]}
      />
      {isAttr ? (
        <Input value={value!.slice('attributes.'.length)} placeholder="city" style={{ flex: 1 }} onChange={(e) => onChange?.(`attributes.${e.target.value}`)} />
      ) : null}
    </Flex>
  );
}

/** A new field: a free identifier (`field_3`), a text input. */
export function newField(fields: FormField[]): FormField {
  const taken = new Set(fields.map((f) => f?.name));
  let i = fields.length + 1;
  while (taken.has(`field_${i}`)) i++;
  return { name: `field_${i}`, label: '', type: 'text', required: false };
}

/** 表单字段: add, remove, reorder; label, name, type, required, placeholder, options (select / checkbox), and the customer field it fills. */
export function FieldListEditor() {
  const { t } = useT();
  const form = Form.useFormInstance();
  return (
    <Form.List name="fields">
      {(fields, { add, remove, move }, { errors }) => (
        <Flex vertical gap={8}>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              data-testid={`form-field-${i}`}
              styles={{ body: { paddingBottom: 0 } }}
              title={<Typography.Text type="secondary">#{i + 1}</Typography.Text>}
              extra={
                <Flex gap={4}>
                  <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('forms.moveUp')} />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={i === fields.length - 1}
                    onClick={() => move(i, i + 1)}
                    aria-label={t('forms.moveDown')}
                  />
                  <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </Flex>
              }
            >
              <Row gutter={8}>
                <Col xs={24} md={8}>
                  <Form.Item name={[f.name, 'label']} label={t('forms.fieldLabel')} rules={[{ required: true }]}>
                    <Input data-testid="field-label" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[f.name, 'name']} label={t('forms.fieldName')} rules={[{ required: true }]} tooltip={t('forms.fieldNameHint')}>
                    <Input style={{ fontFamily: 'ui-monospace, monospace' }} data-testid="field-name" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[f.name, 'type']} label={t('forms.fieldType')}>
                    <Select data-testid="field-type" options={FORM_FIELD_TYPES.map((ty) => ({ value: ty, label: t(`forms.type.${ty}` as MessageKey) }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name={[f.name, 'required']} label={t('forms.required')} valuePropName="checked">
                    <Switch data-testid="field-required" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[f.name, 'maps']} label={t('forms.maps')} tooltip={t('forms.mapsHint')}>
                    <MapsInput />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[f.name, 'placeholder']} label={t('forms.placeholder')}>
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item noStyle shouldUpdate={(a, b) => a.fields?.[f.name]?.type !== b.fields?.[f.name]?.type}>
                {() => (['select', 'checkbox'].includes(form.getFieldValue(['fields', f.name, 'type'])) ? <OptionsEditor fieldIndex={f.name} /> : null)}
              </Form.Item>
            </Card>
          ))}
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

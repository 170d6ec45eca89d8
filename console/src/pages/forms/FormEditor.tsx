import { Button, Card, Col, Flex, Form, Input, Radio, Row, Select, Switch } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/QueryState';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import type { FormField, HeraldForm } from '../../lib/models';
import { toNamePath } from '../../lib/form-errors';
import { useEditorForm } from '../../lib/useEditorForm';
import { useWebhooks } from '../../lib/useLookups';
import { FieldListEditor, newField } from './FieldListEditor';
import { FormPreview, type FormDraft } from './FormPreview';
import { useCan } from '../../lib/permissions';
import { WriteScope } from '../../components/Permitted';

const FORM_FIELDS = ['name', 'title', 'description', 'fields', 'webhookIds', 'after', 'thankYouText', 'redirectUrl', 'enabled'];

interface Values {
  name: string;
  title?: string;
  description?: string;
  fields: FormField[];
  webhookIds: number[];
  after: 'text' | 'redirect';
  thankYouText?: string;
  redirectUrl?: string;
  enabled: boolean;
}

function toValues(f?: HeraldForm): Partial<Values> {
  if (!f) return { fields: [newField([])], webhookIds: [], after: 'text', enabled: true };
  return {
    name: f.name,
    title: f.title ?? undefined,
    description: f.description ?? undefined,
    fields: f.fields,
    webhookIds: f.webhookIds,
    after: f.redirectUrl ? 'redirect' : 'text',
    thankYouText: f.thankYouText ?? undefined,
    redirectUrl: f.redirectUrl ?? undefined,
    enabled: f.enabled,
  };
}

/** The fields as the API takes them: options only where the type has them, no editor flags. */
function toFields(fields: FormField[]): FormField[] {
  return fields.map((f) => {
    const out: FormField = { name: f.name, label: f.label, type: f.type, required: !!f.required };
    if (['select', 'checkbox'].includes(f.type) && f.options?.length) out.options = f.options;
    if (f.maps && f.maps !== 'attributes.') out.maps = f.maps;
    if (f.placeholder) out.placeholder = f.placeholder;
    return out;
  });
}

/** What the page preview renders: the texts, and the fields that have a title so far. */
function draftOf(v: Partial<Values>): FormDraft {
  const fields = toFields((v.fields ?? []).filter((f) => f?.label?.trim() && f.name));
  return { name: v.name || undefined, title: v.title || null, description: v.description || null, fields };
}

/** What the API takes: empty texts as null (cleared). */
function toBody(v: Values) {
  const fields = toFields(v.fields ?? []);
  return {
    name: v.name,
    title: v.title || null,
    description: v.description || null,
    fields,
    webhookIds: v.webhookIds ?? [],
    thankYouText: v.after === 'text' ? v.thankYouText || null : null,
    redirectUrl: v.after === 'redirect' ? v.redirectUrl || null : null,
    enabled: v.enabled,
  };
}

/**
 * 表单设置: name, title, description, fields, webhooks to call, what happens after submitting,
 * enabled; beside it `aside` (a saved form's link) and the page as it will look, before saving.
 */
export function FormEditor({ form: saved, aside }: { form?: HeraldForm; aside?: ReactNode }) {
  const { t } = useT();
  const navigate = useNavigate();
  const mayWrite = useCan()('forms:write');
  const { form, save, unplaced, formProps } = useEditorForm({
    isNew: !saved,
    readOnly: !mayWrite,
    initialValues: toValues(saved),
    toBody: (v: Values) => toBody(v),
    send: (body) => data(saved ? client.PATCH('/api/forms/{id}', { params: { path: { id: saved.id } }, body }) : client.POST('/api/forms', { body })),
    recordKey: (f) => ['form', f.id],
    listKey: ['forms'],
    pathOf: (f) => `/forms/${f.id}`,
    fields: FORM_FIELDS,
    fieldOf: (path) => (path.startsWith('webhookIds') ? ['webhookIds'] : toNamePath(path)),
  });
  const after = Form.useWatch('after', form);
  const values = Form.useWatch([], { form, preserve: true }) as Partial<Values> | undefined;
  const draft = useMemo(() => draftOf(values ?? {}), [values]);
  const webhooks = (useWebhooks().data?.items ?? []).filter((w) => w.triggerType === 'manual');

  const editor = (
    <Form<Values> {...formProps}>
      <ErrorAlert error={unplaced} />
      <Card size="small" title={t('forms.basics')} style={{ marginBottom: 12 }}>
        <Form.Item name="name" label={t('forms.name')} rules={[{ required: true }]} extra={t('forms.nameHint')}>
          <Input maxLength={200} data-testid="form-name" />
        </Form.Item>
        <Form.Item name="title" label={t('forms.pageTitle')}>
          <Input maxLength={200} data-testid="form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('forms.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="enabled" label={t('forms.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Card>
      <Card size="small" title={t('forms.fields')} style={{ marginBottom: 12 }}>
        <FieldListEditor />
      </Card>
      <Card size="small" title={t('forms.afterSubmit')} style={{ marginBottom: 12 }}>
        <Form.Item name="webhookIds" label={t('forms.webhooks')} extra={t('forms.webhooksHint')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="form-webhooks"
            options={webhooks.map((w) => ({ value: w.id, label: w.name, disabled: !w.enabled }))}
          />
        </Form.Item>
        <Form.Item name="after" label={t('forms.afterMode')}>
          <Radio.Group
            options={[
              { value: 'text', label: t('forms.thankYou') },
              { value: 'redirect', label: t('forms.redirect') },
            ]}
          />
        </Form.Item>
        {after === 'redirect' ? (
          <Form.Item name="redirectUrl" label={t('forms.redirectUrl')} rules={[{ required: true }]}>
            <Input placeholder="https://example.com/thanks" />
          </Form.Item>
        ) : (
          <Form.Item name="thankYouText" label={t('forms.thankYouText')}>
            <Input.TextArea autoSize={{ minRows: 2 }} placeholder={t('forms.thankYouDefault')} />
          </Form.Item>
        )}
      </Card>
      <Flex gap={8}>
        {mayWrite ? (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-form">
            {t('common.save')}
          </Button>
        ) : null}
        <WriteScope perm="forms:read">
          <Button onClick={() => navigate('/forms')}>{t('common.back')}</Button>
        </WriteScope>
      </Flex>
    </Form>
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        {editor}
      </Col>
      <Col xs={24} xl={10}>
        <Flex vertical gap={16} style={{ position: 'sticky', top: 16 }}>
          {aside}
          <FormPreview draft={draft} />
        </Flex>
      </Col>
    </Row>
  );
}

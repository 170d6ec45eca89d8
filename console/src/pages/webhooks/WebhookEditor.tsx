import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, Flex, Form, Input, Radio, Row, Select, Switch, Typography, type FormInstance } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { createWebhookDtoMethodValues } from '../../api/schema';
import { client, data } from '../../lib/api';
import { toNamePath } from '../../lib/form-errors';
import { FIXED_EVENTS, type Webhook, type WebhookBody } from '../../lib/models';
import { useEditorForm } from '../../lib/useEditorForm';
import { useRecordId } from '../../lib/useRecordPage';
import { SecretRotation } from './SecretRotation';
import { ReadOnlyNotice, WriteScope } from '../../components/Permitted';
import { useCan } from '../../lib/permissions';
import { SendMessageModal } from './SendMessageModal';
import { parseTemplate, TemplateEditor } from './TemplateEditor';
import { RequestPreview, type DraftWebhook } from './RequestPreview';
import { DELIVERY_DEFAULTS, WebhookAdvanced } from './WebhookAdvanced';
import { PresetChooser, type WebhookPreset } from './PresetChooser';

/** POST first, as most receivers expect (the server's own order); the schema lists them alphabetically. */
const METHOD_ORDER = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'];
const METHOD_OPTIONS = [...createWebhookDtoMethodValues].sort((a, b) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b)).map((m) => ({ value: m, label: m }));

const MASK = '••••••';
const FORM_FIELDS = [
  'name',
  'url',
  'method',
  'enabled',
  'triggerType',
  'events',
  'headers',
  'useBasicAuth',
  'basicAuth',
  'secret',
  'signatureScheme',
  'bodyTemplate',
  'timeoutMs',
  'maxAttempts',
  'backoffBaseMs',
  'concurrency',
  'rateLimitPerMinute',
  'circuitBreakerThreshold',
  'successRule',
  'retryRejected',
  'transactional',
];

interface FormValues {
  name: string;
  url: string;
  method: Webhook['method'];
  enabled: boolean;
  triggerType: 'manual' | 'event';
  events: string[];
  headers: { name: string; value: string }[];
  useBasicAuth: boolean;
  basicAuth: { username?: string; password?: string };
  secret?: string;
  signatureScheme: Webhook['signatureScheme'];
  bodyTemplate?: string;
  timeoutMs?: number | null;
  maxAttempts?: number | null;
  backoffBaseMs?: number | null;
  concurrency?: number | null;
  rateLimitPerMinute?: number | null;
  circuitBreakerThreshold?: number | null;
  successRule?: Webhook['successRule'];
  retryRejected?: boolean;
  transactional?: boolean;
}

function toForm(w?: Webhook): Partial<FormValues> {
  if (!w) {
    // The delivery settings start at the server's defaults, shown under 高级设置.
    return {
      method: 'POST',
      enabled: true,
      triggerType: 'manual',
      events: [],
      headers: [],
      useBasicAuth: false,
      basicAuth: {},
      signatureScheme: 'none',
      ...DELIVERY_DEFAULTS,
      successRule: null,
      retryRejected: false,
      transactional: false,
    };
  }
  return {
    ...w,
    headers: Object.entries(w.headers).map(([name, value]) => ({ name, value })),
    useBasicAuth: !!w.basicAuth,
    basicAuth: { username: w.basicAuth?.username },
    secret: undefined,
    bodyTemplate: w.bodyTemplate == null ? '' : JSON.stringify(w.bodyTemplate, null, 2),
  };
}

/**
 * What the request preview renders: the editor's values as a create or update takes them, the
 * template as typed (its problems get lines). Of a saved webhook, what the form cannot show (masked
 * header values, the password) is left out: the saved ones apply.
 */
function draftOf(v: Partial<FormValues>, saved?: Webhook): DraftWebhook {
  const draft: DraftWebhook = {
    name: v.name || undefined,
    url: v.url?.trim() ?? '',
    method: v.method,
    signatureScheme: v.signatureScheme,
    bodyTemplate: v.bodyTemplate?.trim() ? v.bodyTemplate : null,
  };
  const headers = (v.headers ?? []).filter((h) => h?.name);
  if (!headers.some((h) => h.value === MASK)) draft.headers = Object.fromEntries(headers.map((h) => [h.name, h.value ?? '']));
  if (v.secret) draft.secret = v.secret;
  if (!v.useBasicAuth && saved?.basicAuth) draft.basicAuth = null;
  if (v.useBasicAuth && v.basicAuth?.username && (!saved?.basicAuth || v.basicAuth.password)) {
    draft.basicAuth = { username: v.basicAuth.username, password: v.basicAuth.password ?? '' };
  }
  return draft;
}

/** A robot's address as a hint shows it: its own part as xxxxxx (a trailing … read as text cut short). */
const exampleUrl = (preset: WebhookPreset) => preset.urlExample.replace('…', 'xxxxxx');

/** Webhook editor (新建 Webhook): every field; secrets are sent only when the user types new ones. */
export default function WebhookEditor() {
  const webhookId = useRecordId();
  const { t, lang } = useT();
  const navigate = useNavigate();
  const [sending, setSending] = useState(false);
  const can = useCan();
  const mayWrite = can('webhooks:write');
  const maySend = can('sends:write') || can('webhooks:test');
  // 从模板创建: the robot a new webhook was filled from (its URL hint and check); null: 空白.
  const [preset, setPreset] = useState<WebhookPreset | null>(null);
  const webhook = useQuery({
    queryKey: ['webhook', webhookId],
    queryFn: () => data(client.GET('/api/webhooks/{id}', { params: { path: { id: webhookId! } } })),
    enabled: !!webhookId,
  });
  // Which record the form was filled from: it is filled once per record, so a later answer for the same one
  // (a secret rotated, a circuit closed, the page saved) never wipes what is being typed.
  const filledFrom = useRef<number | 'new' | null>(null);
  const { form, save, unplaced, formProps } = useEditorForm({
    isNew: !webhookId,
    readOnly: !mayWrite,
    initialValues: toForm(),
    toBody: bodyOf,
    send: (body: WebhookBody) =>
      data(webhookId ? client.PATCH('/api/webhooks/{id}', { params: { path: { id: webhookId } }, body }) : client.POST('/api/webhooks', { body })),
    recordKey: (w) => ['webhook', w.id],
    listKey: ['webhooks'],
    // Secrets typed for this save are not kept in the form.
    onSaved: (w, f) => {
      f.setFieldsValue({ secret: undefined, basicAuth: { username: w.basicAuth?.username, password: undefined } });
      filledFrom.current = w.id;
    },
    pathOf: (w) => `/webhooks/${w.id}`,
    fields: FORM_FIELDS,
    fieldOf: (path) =>
      path.startsWith('bodyTemplate')
        ? ['bodyTemplate']
        : path.startsWith('headers')
          ? ['headers']
          : path.startsWith('successRule')
            ? ['successRule']
            : toNamePath(path),
  });
  const triggerType = Form.useWatch('triggerType', form);
  const useBasicAuth = Form.useWatch('useBasicAuth', form);
  const scheme = Form.useWatch('signatureScheme', form);
  const robotSigned = scheme === 'dingtalk' || scheme === 'feishu';
  const values = Form.useWatch([], { form, preserve: true }) as Partial<FormValues> | undefined;
  const draft = useMemo(() => draftOf(values ?? {}, webhook.data), [values, webhook.data]);

  useEffect(() => {
    const from = webhookId ?? 'new';
    if (filledFrom.current === from || (webhookId && !webhook.data)) return;
    filledFrom.current = from;
    form.setFieldsValue(toForm(webhook.data) as FormValues);
  }, [webhook.data, webhookId, form]);

  /** The values as the API takes them, or undefined when one is refused here (its message put on the field). */
  function bodyOf(v: FormValues, form: FormInstance<FormValues>): WebhookBody | undefined {
    const template = parseTemplate(v.bodyTemplate);
    if (template.error) {
      form.setFields([{ name: 'bodyTemplate', errors: [t('template.invalid', { error: template.error })] }]);
      return undefined;
    }
    // An empty knob is left out (the server's default, or the value it has); a cleared rate limit means none.
    const body: WebhookBody = {
      name: v.name,
      url: v.url,
      method: v.method,
      enabled: v.enabled,
      triggerType: v.triggerType,
      events: v.triggerType === 'event' ? v.events : [],
      signatureScheme: v.signatureScheme,
      bodyTemplate: template.value,
      timeoutMs: v.timeoutMs ?? undefined,
      maxAttempts: v.maxAttempts ?? undefined,
      backoffBaseMs: v.backoffBaseMs ?? undefined,
      concurrency: v.concurrency ?? undefined,
      rateLimitPerMinute: v.rateLimitPerMinute ?? (webhookId ? null : undefined),
      circuitBreakerThreshold: v.circuitBreakerThreshold ?? undefined,
      successRule: v.successRule ?? null,
      retryRejected: v.retryRejected ?? false,
      transactional: v.transactional ?? false,
    };
    // Masked header values stand for secrets we cannot read back: send headers only when edited, and never a mask.
    if (!webhookId || form.isFieldTouched('headers') || (v.headers ?? []).length !== Object.keys(webhook.data?.headers ?? {}).length) {
      if ((v.headers ?? []).some((h) => h.value === MASK)) {
        form.setFields([{ name: 'headers', errors: [t('webhook.retypeMasked')] }]);
        return undefined;
      }
      body.headers = Object.fromEntries((v.headers ?? []).filter((h) => h?.name).map((h) => [h.name, h.value ?? '']));
    }
    if (v.secret) body.secret = v.secret;
    if (!v.useBasicAuth && webhook.data?.basicAuth) body.basicAuth = null;
    if (v.useBasicAuth && (v.basicAuth?.password || v.basicAuth?.username !== webhook.data?.basicAuth?.username)) {
      if (!v.basicAuth?.password) {
        form.setFields([{ name: ['basicAuth', 'password'], errors: [t('webhook.passwordRequired')] }]);
        return undefined;
      }
      body.basicAuth = { username: v.basicAuth.username ?? '', password: v.basicAuth.password };
    }
    if (v.signatureScheme === 'none' && webhook.data?.secret) body.secret = null;
    return body;
  }

  const content = (
    <Form<FormValues>
      {...formProps}
      // Typing a secret while unsigned picks DM Hub's signature, as the API does.
      onValuesChange={(changed) => {
        if (changed.secret && form.getFieldValue('signatureScheme') === 'none') form.setFieldValue('signatureScheme', 'dmhub');
      }}
    >
      <ReadOnlyNotice perm="webhooks:write" />
      <ErrorAlert error={unplaced} />
      {!webhookId ? <PresetChooser value={preset} onChange={setPreset} /> : null}
      <Card title={t('webhook.basics')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('webhooks.name')} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="enabled" label={t('webhooks.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="method" label={t('webhook.method')}>
              <Select options={METHOD_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={16} md={20}>
            <Form.Item
              name="url"
              label="URL"
              rules={[
                { required: true },
                // A robot's address has its own shape: a warning (not a refusal) catches a half-copied one.
                {
                  warningOnly: true,
                  validator: (_, url?: string) =>
                    !preset || !url || new RegExp(preset.urlPattern).test(url.trim())
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('preset.urlMismatch', { name: preset.name[lang], example: exampleUrl(preset) }))),
                },
              ]}
              extra={preset ? t('preset.urlHint', { example: exampleUrl(preset) }) : t('webhook.urlHint')}
            >
              <Input placeholder={preset?.urlExample ?? 'https://crm.example.com/hooks/herald'} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="triggerType" label={t('webhooks.triggerType')}>
              <Radio.Group
                options={[
                  { value: 'manual', label: t('webhooks.trigger.manual') },
                  { value: 'event', label: t('webhooks.trigger.event') },
                ]}
              />
            </Form.Item>
          </Col>
          {triggerType === 'event' ? (
            <Col xs={24}>
              <Form.Item name="events" label={t('webhook.events')} rules={[{ required: true, type: 'array', min: 1 }]}>
                <Checkbox.Group options={FIXED_EVENTS.map((e) => ({ value: e, label: e }))} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Card>
      <Card title={t('webhook.security')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="signatureScheme" label={t('webhook.signatureScheme')}>
              <Select
                options={[
                  { value: 'dmhub', label: 'DM Hub (X-Clab-Hmac-Signature)' },
                  { value: 'standard', label: 'Standard Webhooks' },
                  { value: 'dms', label: 'DMS (HMAC_SHA1)' },
                  { value: 'dingtalk', label: t('signature.dingtalk') },
                  { value: 'feishu', label: t('signature.feishu') },
                  { value: 'none', label: t('webhook.noSignature') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="secret"
              label={robotSigned ? t('secret.robotLabel') : t('webhook.secret')}
              extra={
                webhook.data?.secret
                  ? t('webhook.secretSet', { hint: webhook.data.secret })
                  : robotSigned
                    ? t(scheme === 'dingtalk' ? 'secret.dingtalkHint' : 'secret.feishuHint')
                    : preset?.id === 'wecom' && scheme === 'none'
                      ? t('secret.wecomHint')
                      : t('webhook.secretHint')
              }
            >
              <Input.Password autoComplete="new-password" placeholder={webhook.data?.secret ? t('webhook.secretUnchanged') : ''} />
            </Form.Item>
          </Col>
          {/* A robot keeps one 加签 secret (no grace period to rotate through): a new one is typed above. */}
          {webhook.data?.secret && !robotSigned && mayWrite ? (
            <Col xs={24}>
              <SecretRotation webhook={webhook.data} />
            </Col>
          ) : null}
          <Col xs={24}>
            <Form.Item name="useBasicAuth" label={t('webhook.basicAuth')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {useBasicAuth ? (
            <>
              <Col xs={24} md={12}>
                <Form.Item name={['basicAuth', 'username']} label={t('webhook.username')} rules={[{ required: true }]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['basicAuth', 'password']}
                  label={t('webhook.password')}
                  extra={webhook.data?.basicAuth ? t('webhook.passwordUnchanged') : undefined}
                >
                  <Input.Password autoComplete="new-password" placeholder={webhook.data?.basicAuth ? MASK : ''} />
                </Form.Item>
              </Col>
            </>
          ) : null}
        </Row>
        <Form.List name="headers">
          {(fields, { add, remove }, { errors }) => (
            <>
              <Typography.Text strong>{t('webhook.headers')}</Typography.Text>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} style={{ marginTop: 8 }}>
                  <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true }]}>
                    <Input placeholder="X-Api-Token" style={{ flex: 1 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'value']} noStyle>
                    <Input placeholder={t('webhook.headerValue')} style={{ flex: 2 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', value: '' })} style={{ marginTop: 8 }}>
                {t('webhook.addHeader')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card title={t('webhook.body')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Form.Item name="bodyTemplate" extra={t('template.help')}>
              <TemplateEditor readOnly={!mayWrite} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={10}>
            <WriteScope perm="webhooks:read">
              <RequestPreview webhookId={webhookId} draft={draft} />
            </WriteScope>
          </Col>
        </Row>
      </Card>
      <WebhookAdvanced webhook={webhook.data} />
      <Flex gap={8} wrap>
        {mayWrite ? (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-webhook">
            {t('common.save')}
          </Button>
        ) : null}
        {webhook.data && maySend ? (
          <WriteScope perm={can('webhooks:test') ? 'webhooks:test' : 'sends:write'}>
            <Button onClick={() => setSending(true)} disabled={!webhook.data.enabled} type={mayWrite ? 'default' : 'primary'} data-testid="send-webhook">
              {t('webhooks.send')}
            </Button>
          </WriteScope>
        ) : null}
        <WriteScope perm="webhooks:read">
          <Button onClick={() => navigate('/webhooks')}>{t('common.back')}</Button>
        </WriteScope>
      </Flex>
    </Form>
  );

  return (
    <>
      <Typography.Title level={4}>
        {!webhookId ? t('webhooks.new') : webhook.data ? `${t('webhook.edit')} · ${webhook.data.name}` : t('webhook.edit')}
      </Typography.Title>
      {webhookId ? <QueryState query={webhook}>{content}</QueryState> : content}
      {sending && webhook.data ? <SendMessageModal webhook={webhook.data} onClose={() => setSending(false)} /> : null}
    </>
  );
}

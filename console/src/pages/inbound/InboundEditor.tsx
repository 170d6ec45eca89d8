import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CheckboxGroupProps } from 'antd/es/checkbox';
import { Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Radio, Row, Select, Spin, Switch } from 'antd';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/QueryState';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { INBOUND_METHODS, type InboundTrigger } from '../../lib/models';
import { toNamePath } from '../../lib/form-errors';
import { useEditorForm } from '../../lib/useEditorForm';
import { useJourneys } from '../../lib/useLookups';
import { parseTemplate } from '../webhooks/TemplateEditor';
import { ChecksFields } from './ChecksFields';
import { handOver, masked, revealedIn, type Revealed } from './secrets';
import { useCan } from '../../lib/permissions';
import { WriteScope } from '../../components/Permitted';

const FORM_FIELDS = ['name', 'enabled', 'methods', 'mode', 'syncTimeoutMs', 'journeyId', 'response', 'customerMatch', 'idHeader', 'checks'];

export interface Values {
  name: string;
  enabled: boolean;
  methods: InboundTrigger['methods'];
  mode: InboundTrigger['mode'];
  syncTimeoutMs?: number | null;
  journeyId?: number | null;
  response: { status: number; headers: { name: string; value: string }[]; body?: string };
  customerMatch: { by: 'none' | 'mobile' | 'email'; path?: string };
  idHeader?: string;
  checks: {
    hmac: { on: boolean; header?: string; algorithm: 'sha256' | 'sha1' };
    standardWebhooks: { on: boolean };
    token: { on: boolean; header?: string };
    ipAllowlist: string[];
  };
}

/** A new trigger starts from what the form must show chosen; the rest (timeout, header names) is the server's default unless typed. */
function toValues(t?: InboundTrigger): Values {
  const by = t?.customerMatch?.mobile ? 'mobile' : t?.customerMatch?.email ? 'email' : 'none';
  return {
    name: t?.name ?? '',
    enabled: t?.enabled ?? true,
    methods: t?.methods ?? ['POST'],
    mode: t?.mode ?? 'async',
    syncTimeoutMs: t?.syncTimeoutMs,
    journeyId: t?.journeyId ?? undefined,
    response: {
      status: t?.response?.status ?? 200,
      headers: Object.entries(t?.response?.headers ?? {}).map(([name, value]) => ({ name, value })),
      body: t?.response?.body == null ? '' : JSON.stringify(t.response.body, null, 2),
    },
    customerMatch: { by, path: by === 'none' ? undefined : t?.customerMatch?.[by] },
    idHeader: t?.idHeader ?? undefined,
    checks: {
      hmac: { on: !!t?.checks.hmac, header: t?.checks.hmac?.header, algorithm: t?.checks.hmac?.algorithm ?? 'sha256' },
      standardWebhooks: { on: !!t?.checks.standardWebhooks },
      token: { on: !!t?.checks.token, header: t?.checks.token?.header },
      ipAllowlist: t?.checks.ipAllowlist ?? [],
    },
  };
}

function toBody(v: Values, responseBody: ReturnType<typeof parseTemplate>['value']) {
  const c = v.checks;
  return {
    name: v.name,
    enabled: v.enabled,
    methods: v.methods,
    mode: v.mode,
    syncTimeoutMs: v.syncTimeoutMs ?? undefined,
    journeyId: v.journeyId ?? null,
    // The answer is configured for sync triggers only (async ones answer 202 with the run id).
    response:
      v.mode === 'sync'
        ? {
            status: v.response.status,
            headers: Object.fromEntries((v.response.headers ?? []).filter((h) => h?.name).map((h) => [h.name, h.value ?? ''])),
            body: responseBody,
          }
        : null,
    customerMatch: v.customerMatch.by !== 'none' && v.customerMatch.path ? { [v.customerMatch.by]: v.customerMatch.path } : null,
    idHeader: v.idHeader || null,
    // Secrets are never sent: a check that stays keeps its secret, a new one gets a generated one (shown once).
    checks: {
      hmac: c.hmac.on ? { header: c.hmac.header || undefined, algorithm: c.hmac.algorithm } : null,
      standardWebhooks: c.standardWebhooks.on ? {} : null,
      token: c.token.on ? { header: c.token.header || undefined } : null,
      ipAllowlist: c.ipAllowlist?.length ? c.ipAllowlist : null,
    },
  };
}

/** API paths → the form's fields (lists and templates show their errors on the whole box). */
function formPath(path: string): (string | number)[] {
  if (path.startsWith('response.headers')) return ['response', 'headers'];
  if (path.startsWith('response.body')) return ['response', 'body'];
  if (path.startsWith('customerMatch')) return ['customerMatch', 'path'];
  if (path.startsWith('checks.ipAllowlist')) return ['checks', 'ipAllowlist'];
  if (/^checks\.(hmac|token)\.secret|^checks\.token\.value/.test(path)) return [];
  return toNamePath(path);
}

/** 入站触发器设置: every field of the trigger; `onRevealed` gets secrets an answer showed in clear. */
export function InboundEditor({ trigger, onRevealed }: { trigger?: InboundTrigger; onRevealed: (r: Revealed) => void }) {
  const { t } = useT();
  const navigate = useNavigate();
  const mayWrite = useCan()('inbound:write');
  const { form, save, unplaced, formProps } = useEditorForm({
    isNew: !trigger,
    readOnly: !mayWrite,
    initialValues: toValues(trigger),
    toBody: (v: Values, f) => {
      const body = parseTemplate(v.response?.body);
      if (v.mode === 'sync' && body.error) {
        f.setFields([{ name: ['response', 'body'], errors: [t('template.invalid', { error: body.error })] }]);
        return undefined;
      }
      return toBody(v, body.value);
    },
    send: (body) =>
      data(
        trigger ? client.PATCH('/api/inbound-triggers/{id}', { params: { path: { id: trigger.id } }, body }) : client.POST('/api/inbound-triggers', { body }),
      ),
    recordKey: (saved) => ['inbound-trigger', saved.id],
    cached: masked,
    listKey: ['inbound-triggers'],
    onSaved: (saved) => {
      const revealed = revealedIn(saved.checks);
      if (trigger) {
        if (Object.keys(revealed).length) onRevealed(revealed);
      } else {
        handOver(saved.id, revealed);
      }
    },
    pathOf: (saved) => `/inbound/${saved.id}`,
    fields: FORM_FIELDS,
    fieldOf: formPath,
  });
  const mode = Form.useWatch('mode', form);
  const matchBy = Form.useWatch(['customerMatch', 'by'], form);
  // Journeys a hook may start: an inbound trigger, not tied to another hook.
  const journeyLookup = useJourneys();
  const journeys = (journeyLookup.data?.items ?? []).filter(
    (j) => j.trigger.type === 'inbound' && (!j.trigger.inboundTriggerId || j.trigger.inboundTriggerId === trigger?.id) && j.status !== 'archived',
  );

  return (
    <Form<Values> {...formProps}>
      <ErrorAlert error={unplaced} />
      <Card size="small" title={t('inbound.basics')} style={{ marginBottom: 12 }}>
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('inbound.name')} rules={[{ required: true }]}>
              <Input maxLength={200} data-testid="inbound-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="enabled" label={t('inbound.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="methods" label={t('inbound.methods')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <MethodChoice />
            </Form.Item>
          </Col>
          <Col xs={24}>
            {/* While the journeys load, say nothing about them: "none yet" would be a wrong answer. */}
            <Form.Item
              name="journeyId"
              label={t('inbound.journey')}
              extra={journeyLookup.isPending ? undefined : journeys.length ? t('inbound.journeyHint') : t('inbound.noInboundJourneys')}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('inbound.pickJourney')}
                data-testid="inbound-journey"
                loading={journeyLookup.isPending}
                notFoundContent={
                  journeyLookup.isPending ? (
                    <Flex justify="center" data-testid="inbound-journeys-loading">
                      <Spin size="small" />
                    </Flex>
                  ) : undefined
                }
                options={journeys.map((j) => ({ value: j.id, label: j.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="mode" label={t('inbound.mode')}>
              <Radio.Group
                options={[
                  { value: 'async', label: t('inbound.mode.async') },
                  { value: 'sync', label: t('inbound.mode.sync') },
                ]}
              />
            </Form.Item>
          </Col>
          {mode === 'sync' ? (
            <Col xs={24} md={12}>
              <Form.Item name="syncTimeoutMs" label={t('inbound.syncTimeout')}>
                <InputNumber min={100} max={30000} step={1000} placeholder={t('common.serverDefault')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Card>
      {mode === 'sync' ? (
        <Card size="small" title={t('inbound.response')} style={{ marginBottom: 12 }}>
          <Form.Item name={['response', 'status']} label={t('inbound.responseStatus')}>
            <InputNumber min={200} max={599} />
          </Form.Item>
          <Form.List name={['response', 'headers']}>
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={t('inbound.responseHeaders')}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} style={{ marginBottom: 8 }}>
                    <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true }]}>
                      <Input placeholder="X-Order-Id" style={{ flex: 1 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'value']} noStyle>
                      <Input placeholder="{{ nodes.crm.response.body.id }}" style={{ flex: 2 }} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ name: '', value: '' })}>
                  {t('webhook.addHeader')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name={['response', 'body']} label={t('inbound.responseBody')} extra={t('inbound.responseBodyHint')}>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 12 }}
              spellCheck={false}
              style={{ fontFamily: 'ui-monospace, monospace', fontSize: 13 }}
              placeholder={'{"orderId": "{{ nodes.crm.response.body.id }}"}'}
            />
          </Form.Item>
        </Card>
      ) : null}
      <Card size="small" title={t('inbound.customer')} style={{ marginBottom: 12 }}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name={['customerMatch', 'by']} label={t('inbound.matchBy')}>
              <Select
                options={[
                  { value: 'none', label: t('inbound.match.none') },
                  { value: 'mobile', label: t('customers.mobile') },
                  { value: 'email', label: t('customers.email') },
                ]}
              />
            </Form.Item>
          </Col>
          {matchBy && matchBy !== 'none' ? (
            <Col xs={24} md={16}>
              <Form.Item name={['customerMatch', 'path']} label={t('inbound.matchPath')} rules={[{ required: true }]} extra={t('inbound.matchPathHint')}>
                <Input placeholder={matchBy === 'email' ? 'data.user.email' : 'data.phone'} data-testid="inbound-match-path" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={8}>
            <Form.Item name="idHeader" label={t('inbound.idHeader')} tooltip={t('inbound.idHeaderHint')}>
              <Input placeholder="X-Request-Id" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <ChecksFields trigger={trigger} onRevealed={onRevealed} />
      <Flex gap={8} wrap>
        {mayWrite ? (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-inbound">
            {t('common.save')}
          </Button>
        ) : null}
        <WriteScope perm="inbound:read">
          <Button onClick={() => navigate('/inbound')}>{t('common.back')}</Button>
        </WriteScope>
        {trigger?.journeyId ? (
          <Link to={`/journeys/${trigger.journeyId}`} style={{ alignSelf: 'center' }}>
            {t('inbound.openJourney')}
          </Link>
        ) : null}
      </Flex>
    </Form>
  );
}

/**
 * The methods as check boxes. Form.Item marks a required control `aria-required`, which a group of check boxes may
 * not carry (axe: aria-allowed-attr); the requirement shows on the label and in the rule's message instead.
 */
function MethodChoice({ 'aria-required': _required, ...props }: CheckboxGroupProps<string> & { 'aria-required'?: unknown }) {
  return <Checkbox.Group {...props} role="group" options={INBOUND_METHODS.map((m) => ({ value: m, label: m }))} />;
}

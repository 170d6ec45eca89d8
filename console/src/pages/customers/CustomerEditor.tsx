import { useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Flex, Form, Grid, Input, Typography } from 'antd';
import { ErrorAlert } from '../../components/QueryState';
import { useT } from '../../i18n';
import { asBody, client, data } from '../../lib/api';
import type { Customer, Schemas } from '../../lib/models';
import { useEditorForm } from '../../lib/useEditorForm';
import { AttributesEditor } from './AttributesEditor';
import { toAttributes, toRows, type AttributeRow } from './attributeRows';

interface Values {
  name?: string;
  wechatNickname?: string;
  mobile?: string;
  email?: string;
  attributes: AttributeRow[];
}

const CONTACT = ['name', 'wechatNickname', 'mobile', 'email'] as const;

/** The API's body: a new customer leaves empty fields out; an edit clears them (null) and patches attributes. */
function toBody(values: Values, before?: Customer) {
  const body: Record<string, unknown> = {};
  for (const f of CONTACT) {
    const v = values[f]?.trim();
    if (v) body[f] = v;
    else if (before?.[f]) body[f] = null;
  }
  body.attributes = toAttributes(values.attributes ?? [], before?.attributes);
  return body;
}

/** 新建客户 / 编辑客户 in a drawer: contact fields and typed attributes; a new customer's page opens once saved. */
export function CustomerEditor({ customer, onClose }: { customer?: Customer; onClose: () => void }) {
  const { t } = useT();
  const phone = !Grid.useBreakpoint().md;
  const queryClient = useQueryClient();
  const { form, save, unplaced, formProps } = useEditorForm<Values, Record<string, unknown>, Customer>({
    isNew: !customer,
    send: (body) =>
      customer
        ? data(client.PATCH('/api/customers/{id}', { params: { path: { id: customer.id } }, body: asBody<Schemas['UpdateCustomerDto']>(body) }))
        : data(client.POST('/api/customers', { body: asBody<Schemas['CreateCustomerDto']>(body) })),
    toBody: (values) => toBody(values, customer),
    fields: [...CONTACT],
    // Attribute problems from the API (too large, too deep) are about the whole list: said above the form.
    fieldOf: (path) => (path.startsWith('attributes') ? undefined : [path]),
    recordKey: (saved) => ['customer', saved.id, 'saved'],
    listKey: ['customers'],
    onSaved: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['customer', saved.id] });
      onClose();
    },
    pathOf: (saved) => `/customers/${saved.id}`,
    initialValues: {
      name: customer?.name ?? '',
      wechatNickname: customer?.wechatNickname ?? '',
      mobile: customer?.mobile ?? '',
      email: customer?.email ?? '',
      attributes: toRows(customer?.attributes),
    },
  });
  return (
    <Drawer
      open
      onClose={onClose}
      size={phone ? '100%' : 640}
      title={customer ? t('customerEdit.titleEdit') : t('customerEdit.titleNew')}
      data-testid="customer-editor"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="customer-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={unplaced} />
      <Form<Values> {...formProps} name="customer">
        {/* Columns apart; rows already spaced by each field's margin. */}
        <Flex wrap style={{ columnGap: 12 }}>
          <Form.Item name="name" label={t('customers.name')} style={{ flex: '1 1 240px' }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="wechatNickname" label={t('customers.wechat')} style={{ flex: '1 1 240px' }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="mobile" label={t('customers.mobile')} style={{ flex: '1 1 240px' }}>
            <Input inputMode="tel" placeholder={t('customerEdit.mobilePlaceholder')} />
          </Form.Item>
          <Form.Item name="email" label={t('customers.email')} style={{ flex: '1 1 240px' }}>
            <Input type="email" placeholder="name@example.com" />
          </Form.Item>
        </Flex>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('customerEdit.attributes')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('customerEdit.attributesHelp')}</Typography.Paragraph>
        <AttributesEditor form={form} />
      </Form>
    </Drawer>
  );
}

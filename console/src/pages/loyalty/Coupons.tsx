import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { KeysetTable } from '../../components/KeysetTable';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { useFieldErrors } from '../../lib/form-errors';
import { fmtTime } from '../../lib/format';
import type { Coupon, CouponCode as Code } from '../../lib/models';

import { useGroups } from '../../lib/useLookups';
import { useKeyset } from '../../lib/useKeyset';
import { Can } from '../../lib/permissions';

export function Coupons() {
  const { t } = useT();
  const list = useKeyset(['loyalty', 'coupons'], (after, signal) =>
    data(client.GET('/api/loyalty/coupons', { params: { query: { after: after ? Number(after) : undefined } }, signal })),
  );
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<Coupon | null>(null);
  return (
    <>
      <Can perm="loyalty:write">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 16 }}>
          {t('loyalty.newCoupon')}
        </Button>
      </Can>
      <KeysetTable<Coupon>
        list={list}
        emptyText={t('loyalty.noCoupons')}
        size="small"
        onRow={(c) => ({ onClick: () => setSelected(c), style: { cursor: 'pointer' } })}
        rowClassName={(c) => (c.id === selected?.id ? 'ant-table-row-selected' : '')}
        columns={[
          { responsive: ['md'], title: 'ID', dataIndex: 'id' },
          { title: t('loyalty.couponName'), dataIndex: 'name' },
          { responsive: ['md'], title: t('loyalty.validFrom'), dataIndex: 'startDate', render: fmtTime },
          { title: t('loyalty.validTo'), dataIndex: 'endDate', render: fmtTime },
          { responsive: ['md'], title: t('loyalty.stock'), dataIndex: 'stock', render: (s) => s ?? '∞' },
          { title: t('loyalty.issued'), dataIndex: 'issued' },
          {
            title: '',
            key: 'open',
            render: (_, c) => (
              <Button size="small" onClick={() => setSelected(c)}>
                {t('loyalty.manageCodes')}
              </Button>
            ),
          },
        ]}
      />
      {selected ? <CouponPanel coupon={selected} /> : null}
      {creating ? <CreateCoupon onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function CouponPanel({ coupon }: { coupon: Coupon }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const groups = useGroups();
  const [groupId, setGroupId] = useState<number>();
  const codes = useKeyset(['loyalty', 'codes', coupon.id], (after, signal) =>
    data(client.GET('/api/loyalty/coupons/{id}/codes', { params: { path: { id: coupon.id }, query: { after: after ? Number(after) : undefined } }, signal })),
  );
  const dispatch = useMutation({
    mutationFn: () => data(client.POST('/api/loyalty/coupons/{id}/dispatch', { params: { path: { id: coupon.id } }, body: { groupId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['loyalty'] }),
    onError: (e) => message.error(errorText(e)),
  });
  const r = dispatch.data;
  return (
    <Card size="small" title={coupon.name} style={{ marginTop: 16 }}>
      <Can perm="loyalty:write">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            placeholder={t('send.pickGroup')}
            value={groupId}
            onChange={setGroupId}
            style={{ width: 220 }}
            options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
          />
          <Button type="primary" disabled={!groupId} loading={dispatch.isPending} onClick={() => dispatch.mutate()}>
            {t('loyalty.dispatch')}
          </Button>
        </Flex>
      </Can>
      {r ? (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 3 }}
          style={{ marginBottom: 12 }}
          data-testid="dispatch-report"
          items={[
            { key: 'dispatched', label: t('loyalty.report.dispatched'), children: r.dispatched },
            { key: 'holding', label: t('loyalty.report.alreadyHolding'), children: r.alreadyHolding },
            { key: 'stock', label: t('loyalty.report.outOfStock'), children: r.outOfStock },
            { key: 'notMembers', label: t('loyalty.report.notMembers'), children: r.notMembers },
            { key: 'notFound', label: t('loyalty.report.notFound'), children: r.notFound.length ? r.notFound.join(', ') : 0 },
            { key: 'batch', label: t('loyalty.report.batch'), children: r.batchId },
          ]}
        />
      ) : null}
      <KeysetTable<Code>
        list={codes}
        emptyText={t('loyalty.noCodes')}
        size="small"
        columns={[
          { title: t('loyalty.code'), dataIndex: 'code', render: (c) => <code>{c}</code> },
          { responsive: ['md'], title: t('loyalty.membership'), dataIndex: 'membershipId' },
          { responsive: ['md'], title: t('loyalty.origin'), dataIndex: 'origin', render: (o) => <Tag>{t(`loyalty.origin.${o}` as never)}</Tag> },
          { title: t('loyalty.redeemedAt'), dataIndex: 'redeemedAt', render: fmtTime },
          { responsive: ['md'], title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
        ]}
      />
    </Card>
  );
}

function CreateCoupon({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const applyFieldErrors = useFieldErrors();
  const create = useMutation({
    mutationFn: (v: { name: string; validity: [Dayjs, Dayjs]; stock?: number }) =>
      data(
        client.POST('/api/loyalty/coupons', {
          body: {
            name: v.name,
            startDate: v.validity[0].toDate().toISOString(),
            endDate: v.validity[1].toDate().toISOString(),
            ...(v.stock != null ? { stock: v.stock } : {}),
          },
        }),
      ),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['loyalty', 'coupons'] });
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e, ['name', 'validity', 'stock'], (p) => (p === 'startDate' || p === 'endDate' ? ['validity'] : [p])),
  });
  return (
    <Modal open title={t('loyalty.newCoupon')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item name="name" label={t('loyalty.couponName')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="validity" label={t('loyalty.validity')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="stock" label={t('loyalty.stock')} extra={t('loyalty.stockHint')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { KeysetTable } from '../../components/KeysetTable';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { fmtTime } from '../../lib/format';
import type { Customer } from '../../lib/models';
import { useKeyset } from '../../lib/useKeyset';
import { ImportCustomers } from './ImportCustomers';

/** 客户: search by name, WeChat nickname or mobile; CSV import. */
export default function Customers() {
  const { t } = useT();
  const [q, setQ] = useState('');
  const [importing, setImporting] = useState(false);
  const list = useKeyset(['customers', 'list', q], (after, signal) =>
    data(client.GET('/api/customers', { params: { query: { q: q || undefined, after: after ? Number(after) : undefined } }, signal })),
  );
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('customers.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Input.Search allowClear placeholder={t('customer.pickPlaceholder')} onSearch={setQ} style={{ width: 260 }} data-testid="customer-search" />
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t('customers.import')}
          </Button>
        </Flex>
      </Flex>
      <KeysetTable<Customer>
        list={list}
        emptyText={q ? t('customers.noMatch') : t('customers.empty')}
        columns={[
          { title: 'ID', dataIndex: 'id' },
          { title: t('customers.name'), dataIndex: 'name' },
          { title: t('customers.wechat'), dataIndex: 'wechatNickname' },
          { title: t('customers.mobile'), dataIndex: 'mobile' },
          { title: t('customers.email'), dataIndex: 'email' },
          { title: t('customers.activityScore'), dataIndex: 'activityScore' },
          {
            title: t('customers.attributes'),
            dataIndex: 'attributes',
            render: (a) => (
              <Typography.Text code style={{ fontSize: 12 }}>
                {JSON.stringify(a)}
              </Typography.Text>
            ),
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
        ]}
      />
      {importing ? <ImportCustomers onClose={() => setImporting(false)} /> : null}
    </>
  );
}

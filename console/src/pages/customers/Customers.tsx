import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { fmtTime } from '../../lib/format';
import type { Customer } from '../../lib/models';
import { useKeyset } from '../../lib/useKeyset';
import { AttributeTags } from './AttributeTags';
import { CustomerEditor } from './CustomerEditor';
import { ImportCustomers } from './ImportCustomers';
import { UnsubscribedTag } from './Subscription';
import { ContactValue } from '../../components/Permitted';
import { Can, useCan } from '../../lib/permissions';

type Subscribed = 'all' | 'true' | 'false';

/** 客户: search by name, WeChat nickname or mobile, filter by 订阅状态; 新建客户 and CSV import; a name opens the customer's page. */
export default function Customers() {
  const { t } = useT();
  // A role without the contact grant searches names only: mobile digits would reveal a masked number.
  const searchHint = useCan()('customers:contact') ? t('customer.pickPlaceholder') : t('roles.searchNoContact');
  const [q, setQ] = useState('');
  const [subscribed, setSubscribed] = useState<Subscribed>('all');
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useKeyset(['customers', 'list', q, subscribed], (after, signal) =>
    data(
      client.GET('/api/customers', {
        params: {
          query: { q: q || undefined, subscribed: subscribed === 'all' ? undefined : subscribed === 'true', after: after ? Number(after) : undefined },
        },
        signal,
      }),
    ),
  );
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('customers.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Input.Search allowClear aria-label={searchHint} placeholder={searchHint} onSearch={setQ} style={{ width: 260 }} data-testid="customer-search" />
          <Select<Subscribed>
            value={subscribed}
            onChange={setSubscribed}
            aria-label={t('optout.filter')}
            style={{ width: 130 }}
            data-testid="customer-subscribed-filter"
            options={[
              { value: 'all', label: t('optout.filterAll') },
              { value: 'true', label: t('optout.filterSubscribed') },
              { value: 'false', label: t('optout.filterUnsubscribed') },
            ]}
          />
          <Can perm="customers:write">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-new">
              {t('customers.new')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {t('customers.import')}
            </Button>
          </Can>
        </Flex>
      </Flex>
      <KeysetTable<Customer>
        list={list}
        emptyText={q ? t('customers.noMatch') : subscribed === 'false' ? t('optout.noUnsubscribed') : t('customers.empty')}
        columns={[
          {
            title: t('customers.name'),
            dataIndex: 'name',
            render: (name: string | null, c) => (
              <Flex gap={6} align="center" wrap>
                <Link to={`/customers/${c.id}`} data-testid="customer-link">
                  {name || c.wechatNickname || c.mobile || c.email || t('customer360.unnamed')}
                </Link>
                <UnsubscribedTag customer={c} />
              </Flex>
            ),
          },
          {
            title: t('customers.contact'),
            key: 'contact',
            render: (_, c) => (
              <Flex vertical>
                <span>
                  <ContactValue value={c.mobile} />
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <ContactValue value={c.email} />
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t('customers.wechat'), dataIndex: 'wechatNickname', responsive: ['lg'] },
          { title: t('customers.activityScore'), dataIndex: 'activityScore', align: 'right', responsive: ['md'] },
          {
            title: t('customers.attributes'),
            dataIndex: 'attributes',
            render: (a: Record<string, unknown>) => <AttributeTags attributes={a} />,
            responsive: ['md'],
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime, responsive: ['xl'] },
        ]}
      />
      {importing ? <ImportCustomers onClose={() => setImporting(false)} /> : null}
      {creating ? <CustomerEditor onClose={() => setCreating(false)} /> : null}
    </>
  );
}

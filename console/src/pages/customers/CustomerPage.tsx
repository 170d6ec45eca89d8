import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Col, Flex, Popconfirm, Row } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { RecordHeader, RecordPage } from '../../components/RecordPage';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useDeleteRecord, useRecordId } from '../../lib/useRecordPage';
import { CustomerEditor } from './CustomerEditor';
import { CustomerTimeline } from './CustomerTimeline';
import { GroupsCard, LoyaltyCard, ProfileCard } from './ProfileCards';
import { SubscriptionButton, UnsubscribedTag } from './Subscription';
import { Can } from '../../lib/permissions';

/** /customers/:id — the customer 360: profile, groups, loyalty and the timeline of what Herald did. */
export default function CustomerPage() {
  const id = useRecordId() as number;
  const { t } = useT();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const profile = useQuery({
    queryKey: ['customer', id, 'profile'],
    queryFn: ({ signal }) => data(client.GET('/api/customers/{id}/profile', { params: { path: { id } }, signal })),
  });
  const remove = useDeleteRecord(
    async () => {
      await data(client.DELETE('/api/customers/{id}', { params: { path: { id } } }));
      message.success(t('customer360.deleted'));
    },
    { key: ['customers'], path: '/customers' },
  );
  return (
    <RecordPage query={profile}>
      {(p) => {
        const c = p.customer;
        const name = c.name || c.wechatNickname || c.mobile || c.email || t('customer360.unnamed');
        return (
          <>
            <Breadcrumb items={[{ title: <Link to="/customers">{t('customers.title')}</Link> }, { title: name }]} />
            <RecordHeader
              title={name}
              titleTestId="customer-title"
              tags={<UnsubscribedTag customer={c} />}
              actions={
                <Can perm="customers:write">
                  <Flex gap={8} wrap>
                    <SubscriptionButton customer={c} name={name} />
                    <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('customer360.deleteConfirm', { name })}
                      description={t('customer360.deleteHint')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutate()}
                    >
                      <Button danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="customer-delete">
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  </Flex>
                </Can>
              }
            />
            <Row gutter={[12, 12]}>
              <Col xs={24} lg={14}>
                <ProfileCard customer={c} />
              </Col>
              <Col xs={24} lg={10}>
                <Flex vertical gap={12}>
                  <LoyaltyCard loyalty={p.loyalty} />
                  <GroupsCard groups={p.groups} />
                </Flex>
              </Col>
            </Row>
            <CustomerTimeline customerId={id} />
            {editing ? <CustomerEditor customer={c} onClose={() => setEditing(false)} /> : null}
          </>
        );
      }}
    </RecordPage>
  );
}

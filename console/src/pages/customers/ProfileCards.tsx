import { Card, Descriptions, Empty, Flex, List, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useT, type MessageKey } from '../../i18n';
import { fmtTime } from '../../lib/format';
import type { Schemas } from '../../lib/models';
import { typeOf, valueText } from './attributeRows';
import { UnsubscribedTag } from './Subscription';
import { ContactValue } from '../../components/Permitted';

type Profile = Schemas['CustomerProfileView'];

/** 基本资料: contact, typed attributes, created and updated. */
export function ProfileCard({ customer }: { customer: Profile['customer'] }) {
  const { t } = useT();
  const attributes = Object.entries(customer.attributes ?? {});
  const dash = (v: string | null | undefined) => v || '—';
  return (
    <Card title={t('customer360.profile')} size="small" data-testid="customer-profile">
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label={t('customers.mobile')}>
          <ContactValue value={customer.mobile} empty="—" />
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.email')}>
          <ContactValue value={customer.email} empty="—" />
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.wechat')}>{dash(customer.wechatNickname)}</Descriptions.Item>
        <Descriptions.Item label={t('customers.activityScore')}>{customer.activityScore}</Descriptions.Item>
        <Descriptions.Item label={t('optout.status')}>
          {customer.unsubscribedAt ? <UnsubscribedTag customer={customer} detailed /> : t('optout.subscribed')}
        </Descriptions.Item>
        <Descriptions.Item label={t('common.createdAt')}>{fmtTime(customer.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('customer360.updatedAt')}>{fmtTime(customer.updatedAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('customer360.attributes')}
      </Typography.Title>
      {attributes.length ? (
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" data-testid="customer-attributes">
          {attributes.map(([key, value]) => (
            <Descriptions.Item key={key} label={key}>
              <Flex gap={6} align="center" wrap>
                <span style={{ wordBreak: 'break-all' }}>{valueText(value, t('customerEdit.yes'), t('customerEdit.no'))}</span>
                <Tag bordered={false} style={{ fontSize: 11 }}>
                  {t(`customerEdit.type.${typeOf(value)}` as MessageKey)}
                </Tag>
              </Flex>
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t('customers.noAttributes')}</Typography.Text>
      )}
    </Card>
  );
}

/** 所属群组: static memberships (since when) and the dynamic groups matching now, each a link. */
export function GroupsCard({ groups }: { groups: Profile['groups'] }) {
  const { t } = useT();
  return (
    <Card title={t('customer360.groups')} size="small" data-testid="customer-groups">
      {groups.length ? (
        <Flex wrap gap={8}>
          {groups.map((g) => (
            <Tag key={g.id} color={g.type === 'static' ? 'blue' : 'purple'} style={{ marginInlineEnd: 0, padding: '2px 8px' }}>
              <Link to={`/groups/${g.id}`}>{g.name}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {t(`customer360.group.${g.type}` as MessageKey)}
                {g.since ? ` · ${t('customer360.groupSince', { date: dayjs(g.since).format('YYYY-MM-DD') })}` : ''}
              </Typography.Text>
            </Tag>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('customer360.noGroups')}</Typography.Text>
      )}
    </Card>
  );
}

/** 会员: level, points and the coupons held (未使用 / 已核销 / 已过期). */
export function LoyaltyCard({ loyalty }: { loyalty: Profile['loyalty'] }) {
  const { t } = useT();
  if (!loyalty)
    return (
      <Card title={t('customer360.loyalty')} size="small" data-testid="customer-loyalty">
        <Typography.Text type="secondary">{t('customer360.notMember')}</Typography.Text>
      </Card>
    );
  const state = (c: Schemas['HeldCouponView']) => (c.redeemedAt ? 'redeemed' : dayjs(c.endDate).isBefore(dayjs()) ? 'expired' : 'unused');
  const colors = { unused: 'success', redeemed: 'default', expired: 'default' } as const;
  return (
    <Card title={t('customer360.loyalty')} size="small" data-testid="customer-loyalty">
      <Flex gap={32} wrap>
        <Statistic title={t('customer360.level')} value={loyalty.levelName} />
        <Statistic title={t('customer360.points')} value={loyalty.points} />
        <Statistic title={t('customer360.memberSince')} value={dayjs(loyalty.memberSince).format('YYYY-MM-DD')} />
      </Flex>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('customer360.coupons')}
      </Typography.Title>
      {loyalty.coupons.length ? (
        <List
          size="small"
          dataSource={loyalty.coupons}
          rowKey="codeId"
          renderItem={(c) => (
            <List.Item>
              <Flex justify="space-between" wrap gap={8} style={{ width: '100%' }}>
                <span>
                  {c.name} <Typography.Text code>{c.code}</Typography.Text>
                </span>
                <Flex gap={8} align="center">
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('customer360.coupon.until', { date: dayjs(c.endDate).format('YYYY-MM-DD') })}
                  </Typography.Text>
                  <Tag color={colors[state(c)]} style={{ marginInlineEnd: 0 }}>
                    {t(`customer360.coupon.${state(c)}` as MessageKey)}
                  </Tag>
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer360.noCoupons')} />
      )}
    </Card>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import type { InboundTrigger } from '../../lib/models';
import { fmtTime } from '../../lib/format';
import { namesOf, useJourneys } from '../../lib/useLookups';
import { useKeyset } from '../../lib/useKeyset';
import { absoluteUrl } from '../forms/formUrl';
import { Can } from '../../lib/permissions';

/** 入站触发器: outside systems call these URLs to start journeys. */
export default function InboundList() {
  const { t } = useT();
  const navigate = useNavigate();
  const list = useKeyset(['inbound-triggers', 'list'], (after, signal) =>
    data(client.GET('/api/inbound-triggers', { params: { query: { after: after ? Number(after) : undefined } }, signal })),
  );
  const journeys = namesOf(useJourneys().data);
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('inbound.title')}
        </Typography.Title>
        <Can perm="inbound:write">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/inbound/new')}>
            {t('inbound.new')}
          </Button>
        </Can>
      </Flex>
      <KeysetTable<InboundTrigger>
        list={list}
        emptyText={t('inbound.empty')}
        columns={[
          { title: t('inbound.name'), dataIndex: 'name', render: (n, x) => <Link to={`/inbound/${x.id}`}>{n}</Link> },
          {
            title: t('inbound.enabled'),
            dataIndex: 'enabled',
            render: (on) => (on ? <Tag color="success">{t('forms.on')}</Tag> : <Tag>{t('forms.off')}</Tag>),
          },
          {
            title: 'URL',
            responsive: ['sm'],
            dataIndex: 'url',
            render: (url: string) => (
              <Typography.Text copyable={{ text: absoluteUrl(url) }} code style={{ fontSize: 12 }}>
                {url}
              </Typography.Text>
            ),
          },
          { responsive: ['md'], title: t('inbound.methods'), dataIndex: 'methods', render: (ms: string[]) => ms.map((m) => <Tag key={m}>{m}</Tag>) },
          { responsive: ['md'], title: t('inbound.mode'), dataIndex: 'mode', render: (m) => t(m === 'sync' ? 'inbound.mode.sync' : 'inbound.mode.async') },
          {
            title: t('inbound.journey'),
            responsive: ['md'],
            dataIndex: 'journeyId',
            render: (id) => (id ? <Link to={`/journeys/${id}`}>{journeys.get(id) ?? `#${id}`}</Link> : '—'),
          },
          { responsive: ['md'], title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
        ]}
      />
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Switch, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import type { HeraldForm } from '../../lib/models';
import { fmtTime } from '../../lib/format';
import { useKeyset } from '../../lib/useKeyset';
import { absoluteUrl } from './formUrl';
import { useCan } from '../../lib/permissions';

/** 表单: every live form with its public link and submission count. */
export default function FormList() {
  const { t } = useT();
  const mayWrite = useCan()('forms:write');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const list = useKeyset(['forms', 'list'], (after, signal) =>
    data(client.GET('/api/forms', { params: { query: { after: after ? Number(after) : undefined } }, signal })),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['forms'] });
  const toggle = useMutation({
    mutationFn: (f: HeraldForm) => data(client.PATCH('/api/forms/{id}', { params: { path: { id: f.id } }, body: { enabled: !f.enabled } })),
    onSuccess: refresh,
    onError: (e) => message.error(errorText(e)),
  });
  const remove = useMutation({
    mutationFn: (f: HeraldForm) => data(client.DELETE('/api/forms/{id}', { params: { path: { id: f.id } } })),
    onSuccess: () => {
      message.success(t('common.deleted'));
      refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('forms.title')}
        </Typography.Title>
        {mayWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/forms/new')}>
            {t('forms.new')}
          </Button>
        ) : null}
      </Flex>
      <KeysetTable<HeraldForm>
        list={list}
        emptyText={t('forms.empty')}
        columns={[
          { title: t('forms.name'), dataIndex: 'name', render: (n, f) => <Link to={`/forms/${f.id}`}>{n}</Link> },
          {
            title: t('forms.enabled'),
            dataIndex: 'enabled',
            render: (on, f) => (
              <Switch
                size="small"
                checked={on}
                loading={toggle.isPending && toggle.variables?.id === f.id}
                onChange={() => toggle.mutate(f)}
                disabled={!mayWrite}
                aria-label={`${t('forms.enabled')} · ${f.name}`}
              />
            ),
          },
          {
            title: t('forms.submissions'),
            dataIndex: 'submissionCount',
            align: 'right',
            render: (n, f) => <Link to={`/forms/${f.id}?tab=submissions`}>{n ?? 0}</Link>,
          },
          {
            title: t('forms.link'),
            dataIndex: 'publicUrl',
            render: (url: string) => (
              <Typography.Text copyable={{ text: absoluteUrl(url) }} style={{ fontSize: 12 }} code>
                {url}
              </Typography.Text>
            ),
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
          ...(!mayWrite
            ? []
            : [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, f: HeraldForm) => (
                    <Flex gap={4}>
                      <Button size="small" onClick={() => navigate(`/forms/${f.id}`)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm title={t('forms.deleteConfirm')} onConfirm={() => remove.mutate(f)}>
                        <Button size="small" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]),
        ]}
      />
    </>
  );
}

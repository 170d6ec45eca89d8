import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Flex, Popconfirm, Row, Tabs, Tag, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { FormEditor } from './FormEditor';
import { FormLinkCard } from './FormLinkCard';
import { Submissions } from './Submissions';

/** A form: 表单设置 (editor beside its link and live preview) and 提交记录. */
export default function FormPage() {
  const { id } = useParams();
  const formId = id ? Number(id) : undefined;
  const { t } = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const form = useQuery({ queryKey: ['form', formId], queryFn: () => data(client.GET('/api/forms/{id}', { params: { path: { id: formId! } } })), enabled: !!formId });
  const remove = useMutation({
    mutationFn: () => data(client.DELETE('/api/forms/{id}', { params: { path: { id: formId! } } })),
    onSuccess: () => { queryClient.invalidateQueries({ queryKey: ['forms'] }); navigate('/forms'); },
    onError: (e) => message.error(errorText(e)),
  });

  if (!formId) {
    return (
      <>
        <Typography.Title level={4}>{t('forms.new')}</Typography.Title>
        <FormEditor />
      </>
    );
  }
  const f = form.data;
  return (
    <QueryState query={form}>
      {f ? (
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Flex align="center" gap={8}>
              <Typography.Title level={4} style={{ margin: 0 }}>{f.name}</Typography.Title>
              {f.deletedAt ? <Tag>{t('common.deleted')}</Tag> : f.enabled ? <Tag color="success">{t('forms.on')}</Tag> : <Tag>{t('forms.off')}</Tag>}
            </Flex>
            {f.deletedAt ? null : (
              <Popconfirm title={t('forms.deleteConfirm')} onConfirm={() => remove.mutate()}><Button danger>{t('common.delete')}</Button></Popconfirm>
            )}
          </Flex>
          <Tabs
            activeKey={params.get('tab') ?? 'settings'}
            onChange={(tab) => {
              setParams(tab === 'settings' ? {} : { tab }, { replace: true });
              void form.refetch(); // the submission count in the tab's title
            }}
            items={[
              {
                key: 'settings', label: t('forms.tab.settings'),
                children: (
                  <Row gutter={[16, 16]}>
                    <Col xs={24} xl={14}><FormEditor key={f.id} form={f} /></Col>
                    <Col xs={24} xl={10}><FormLinkCard form={f} /></Col>
                  </Row>
                ),
              },
              { key: 'submissions', label: t('forms.tab.submissions', { n: f.submissionCount ?? 0 }), children: <Submissions form={f} /> },
            ]}
          />
        </Flex>
      ) : null}
    </QueryState>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Button, Popconfirm, Tabs, Tag } from 'antd';
import { NewRecord, RecordHeader, RecordPage } from '../../components/RecordPage';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useDeleteRecord, useRecordId, useTabParam } from '../../lib/useRecordPage';
import { FormEditor } from './FormEditor';
import { FormLinkCard } from './FormLinkCard';
import { Submissions } from './Submissions';
import { Can } from '../../lib/permissions';
import { ReadOnlyNotice } from '../../components/Permitted';

/** A form: 表单设置 (editor beside its link and the page's live preview) and 提交记录. */
export default function FormPage() {
  const formId = useRecordId();
  const { t } = useT();
  const [tab, setTab] = useTabParam('settings');
  const form = useQuery({
    queryKey: ['form', formId],
    queryFn: () => data(client.GET('/api/forms/{id}', { params: { path: { id: formId! } } })),
    enabled: !!formId,
  });
  const remove = useDeleteRecord(() => data(client.DELETE('/api/forms/{id}', { params: { path: { id: formId! } } })), { key: ['forms'], path: '/forms' });

  if (!formId)
    return (
      <NewRecord title={t('forms.new')}>
        <FormEditor />
      </NewRecord>
    );
  return (
    <RecordPage query={form}>
      {(f) => (
        <>
          <RecordHeader
            title={f.name}
            tags={f.deletedAt ? <Tag>{t('common.deleted')}</Tag> : f.enabled ? <Tag color="success">{t('forms.on')}</Tag> : <Tag>{t('forms.off')}</Tag>}
            actions={
              f.deletedAt ? null : (
                <Can perm="forms:write">
                  <Popconfirm title={t('forms.deleteConfirm')} onConfirm={() => remove.mutate()}>
                    <Button danger>{t('common.delete')}</Button>
                  </Popconfirm>
                </Can>
              )
            }
          />
          <ReadOnlyNotice perm="forms:write" />
          <Tabs
            activeKey={tab}
            onChange={(next) => {
              setTab(next);
              void form.refetch(); // the submission count in the tab's title
            }}
            items={[
              {
                key: 'settings',
                label: t('forms.tab.settings'),
                children: <FormEditor key={f.id} form={f} aside={<FormLinkCard form={f} />} />,
              },
              { key: 'submissions', label: t('forms.tab.submissions', { n: f.submissionCount ?? 0 }), children: <Submissions form={f} /> },
            ]}
          />
        </>
      )}
    </RecordPage>
  );
}

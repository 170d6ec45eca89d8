import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Statistic, Table, Typography, Upload, Flex } from 'antd';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { errorText, placedProblemText } from '../../lib/errors';

/** CSV (or JSON array) import: upsert by mobile then email, with the per-row report. */
export function ImportCustomers({ onClose }: { onClose: () => void }) {
  const { t, lang } = useT();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const text = await file.text();
      const json = file.name.toLowerCase().endsWith('.json');
      // The file goes as it is: the API reads a JSON array or CSV by its content type.
      return data(
        client.POST('/api/customers/import', {
          body: text,
          bodySerializer: (body) => body,
          headers: { 'Content-Type': json ? 'application/json' : 'text/csv' },
        }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers'] }),
  });
  const report = upload.data;
  const error = upload.error;
  return (
    <Modal open title={t('customers.import')} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('customers.importHelp')}</Typography.Paragraph>
      <Typography.Paragraph code style={{ fontSize: 12 }}>
        name,wechatNickname,mobile,email,activityScore,unsubscribed,attributes.city
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('optout.importHelp')}</Typography.Paragraph>
      <Upload
        accept=".csv,.txt,.json,text/csv"
        showUploadList={false}
        beforeUpload={(file) => {
          upload.mutate(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="import-upload">
          {t('customers.chooseFile')}
        </Button>
      </Upload>
      {error ? <Alert style={{ marginTop: 16 }} type="error" showIcon title={errorText(error, lang)} /> : null}
      {report ? (
        <div style={{ marginTop: 16 }} data-testid="import-report">
          <Flex gap={24} wrap>
            <Statistic title={t('customers.report.total')} value={report.total} />
            <Statistic title={t('customers.report.created')} value={report.created} />
            <Statistic title={t('customers.report.updated')} value={report.updated} />
            <Statistic title={t('customers.report.failed')} value={report.failed} valueStyle={report.failed ? { color: '#cf1322' } : undefined} />
          </Flex>
          {report.errors.length ? (
            <Table
              style={{ marginTop: 16 }}
              size="small"
              rowKey="row"
              dataSource={report.errors}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('customers.report.row'), dataIndex: 'row', width: 80 },
                { title: t('customers.report.errors'), key: 'problems', render: (_, r) => r.problems.map((p) => placedProblemText(p, lang)).join('; ') },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}

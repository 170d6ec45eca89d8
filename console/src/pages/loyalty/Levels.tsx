import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Table } from 'antd';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useFieldErrors } from '../../lib/form-errors';
import type { Level } from '../../lib/models';
import { useLevels } from './useLevels';
import { Can } from '../../lib/permissions';

export function Levels() {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const levels = useLevels();
  const [form] = Form.useForm();
  const applyFieldErrors = useFieldErrors();
  const create = useMutation({
    mutationFn: (v: { name: string; rank: number }) => data(client.POST('/api/loyalty/levels', { body: v })),
    onSuccess: () => {
      message.success(t('common.saved'));
      form.resetFields();
      queryClient.invalidateQueries({ queryKey: ['loyalty', 'levels'] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, ['name', 'rank']);
      if (rest.length) message.error(rest.join('; '));
    },
  });
  return (
    <>
      <Can perm="loyalty:write">
        <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item name="name" rules={[{ required: true }]}>
            <Input placeholder={t('loyalty.levelName')} />
          </Form.Item>
          <Form.Item name="rank" rules={[{ required: true }]}>
            <InputNumber min={0} placeholder={t('loyalty.rank')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('loyalty.addLevel')}
          </Button>
        </Form>
      </Can>
      <QueryState query={levels} empty={!levels.data?.items.length} emptyText={t('loyalty.noLevels')}>
        <Table<Level>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={levels.data?.items}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: 'ID', dataIndex: 'id' },
            { title: t('loyalty.levelName'), dataIndex: 'name' },
            { title: t('loyalty.rank'), dataIndex: 'rank' },
          ]}
        />
      </QueryState>
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Modal, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { ErrorAlert } from '../../components/QueryState';
import { useT } from '../../i18n';
import { asBody, client, data } from '../../lib/api';
import { problemsByPath, problemsOf, useFieldErrors } from '../../lib/form-errors';
import { fmtTime } from '../../lib/format';
import type { Group, Schemas } from '../../lib/models';
import { useKeyset } from '../../lib/useKeyset';
import { DEFAULT_RULE, RuleBuilder, type Rule } from '../../components/rule/RuleBuilder';
import { RuleCount } from './RuleCount';
import { useRuleCount } from './useRuleCount';
import { Can } from '../../lib/permissions';

/** 群组: static (hand-picked members) or dynamic (a rule). */
export default function Groups() {
  const { t } = useT();
  const list = useKeyset(['groups', 'list'], (after, signal) =>
    data(client.GET('/api/groups', { params: { query: { after: after ? Number(after) : undefined } }, signal })),
  );
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('groups.title')}
        </Typography.Title>
        <Can perm="groups:write">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('groups.new')}
          </Button>
        </Can>
      </Flex>
      <KeysetTable<Group>
        list={list}
        emptyText={t('groups.empty')}
        columns={[
          { title: t('groups.name'), dataIndex: 'name', render: (n, g) => <Link to={`/groups/${g.id}`}>{n}</Link> },
          {
            title: t('groups.type'),
            dataIndex: 'type',
            render: (ty) => <Tag color={ty === 'dynamic' ? 'purple' : 'blue'}>{t(`groups.type.${ty}` as never)}</Tag>,
          },
          { responsive: ['md'], title: t('groups.description'), dataIndex: 'description', render: (d) => d ?? '—' },
          { responsive: ['md'], title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
        ]}
      />
      {creating ? <CreateGroupModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function CreateGroupModal({ onClose }: { onClose: () => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const applyFieldErrors = useFieldErrors();
  const [form] = Form.useForm();
  const type = Form.useWatch('type', form);
  const [rule, setRule] = useState<Rule>(DEFAULT_RULE);
  const count = useRuleCount(type === 'dynamic' ? rule : undefined);
  const create = useMutation({
    mutationFn: (v: { name: string; description?: string; type: 'static' | 'dynamic' }) =>
      data(client.POST('/api/groups', { body: asBody<Schemas['CreateGroupDto']>({ ...v, ...(v.type === 'dynamic' ? { rule } : {}) }) })),
    onSuccess: (g) => {
      message.success(t('common.saved'));
      queryClient.invalidateQueries({ queryKey: ['groups'] });
      onClose();
      navigate(`/groups/${g.id}`);
    },
    // The rule's problems show in the rule builder; the rest on the form's fields or above it.
    onError: (e) => setUnplaced(applyFieldErrors(form, e, ['name', 'description', 'type', 'rule'])),
  });
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const ruleErrors = problemsByPath(problemsOf(create.error), lang);
  return (
    <Modal
      open
      title={t('groups.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={type === 'dynamic' ? 820 : 520}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ type: 'static' }} onFinish={(v) => create.mutate(v)}>
        <ErrorAlert error={unplaced.length ? unplaced : null} />
        <Form.Item name="name" label={t('groups.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('groups.description')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="type" label={t('groups.type')}>
          <Radio.Group
            options={[
              { value: 'static', label: t('groups.type.static') },
              { value: 'dynamic', label: t('groups.type.dynamic') },
            ]}
          />
        </Form.Item>
      </Form>
      {type === 'dynamic' ? (
        <>
          <RuleBuilder value={rule} onChange={setRule} errors={{ ...count.errors, ...ruleErrors }} />
          <div style={{ marginTop: 8 }}>
            <RuleCount state={count} />
          </div>
        </>
      ) : null}
    </Modal>
  );
}

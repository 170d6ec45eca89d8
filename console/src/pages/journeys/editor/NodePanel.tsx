import { DeleteOutlined, FlagOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n';
import type { JourneyNode } from '../../../lib/models';
import type { Group, Webhook } from '../../../lib/models';
import { idProblem, type Draft } from './definition';
import { NODES } from './nodes';
import { fieldStatus } from './nodes/kind';

interface Props {
  draft: Draft;
  node: JourneyNode;
  errors: Record<string, string[]>;
  onChange: (node: JourneyNode) => void;
  onRename: (newId: string) => void;
  onMakeStart: () => void;
  onDelete: () => void;
  webhooks: Webhook[];
  groups: Group[];
}

/** The selected node's settings: id (renaming keeps its links), label, start, and what its type needs. */
export function NodePanel({ draft, node, errors, onChange, onRename, onMakeStart, onDelete, webhooks, groups }: Props) {
  const { t } = useT();
  const [id, setId] = useState(node.id);
  const problem = idProblem(draft, node.id, id);
  const commitId = () => {
    if (id !== node.id && !problem) onRename(id);
  };
  const own = errors['.'] ?? [];
  const kind = NODES[node.type];

  return (
    <Form layout="vertical" component="div" size="small" data-testid="node-panel">
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <span style={{ color: kind.color, fontSize: 18 }}>{kind.icon}</span>
        <Typography.Title level={5} style={{ margin: 0, flex: 1 }}>
          {t(kind.label)}
        </Typography.Title>
        <Button size="small" icon={<FlagOutlined />} disabled={draft.start === node.id || undefined} onClick={onMakeStart} data-testid="make-start">
          {draft.start === node.id ? t('journey.isStart') : t('journey.makeStart')}
        </Button>
        <Button size="small" danger icon={<DeleteOutlined />} onClick={onDelete} aria-label={t('journey.deleteNode')} data-testid="delete-node" />
      </Flex>
      {own.length ? <Alert type="error" showIcon title={own.join('; ')} style={{ marginBottom: 12 }} /> : null}
      <Form.Item
        label={t('journey.nodeId')}
        htmlFor="journey-node-id"
        extra={problem ? undefined : t('journey.nodeIdHint')}
        {...(problem ? { validateStatus: 'error' as const, help: t(`journey.nodeId.${problem}`) } : fieldStatus(errors, 'id'))}
      >
        <Input
          id="journey-node-id"
          value={id}
          onChange={(e) => setId(e.target.value.trim())}
          onBlur={commitId}
          onPressEnter={commitId}
          data-testid="node-id"
          style={{ fontFamily: 'ui-monospace, monospace' }}
        />
      </Form.Item>
      <Form.Item label={t('journey.label')} htmlFor="journey-node-label" {...fieldStatus(errors, 'label')}>
        <Input
          id="journey-node-label"
          value={node.label ?? ''}
          maxLength={200}
          placeholder={t(kind.label)}
          data-testid="node-label"
          onChange={(e) => onChange({ ...node, label: e.target.value })}
        />
      </Form.Item>
      <kind.Fields node={node} onChange={onChange} errors={errors} draft={draft} webhooks={webhooks} groups={groups} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
        {t('journey.connectHint')}
      </Typography.Paragraph>
    </Form>
  );
}

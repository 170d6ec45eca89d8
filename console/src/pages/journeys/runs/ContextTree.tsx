import { Button, Flex, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useState } from 'react';
import { JsonBlock } from '../../../components/JsonBlock';
import { useT, type MessageKey } from '../../../i18n';

const SECTIONS = ['trigger', 'vars', 'nodes'];

/** A value as a tree node: objects and arrays open into their entries, leaves read "key: value". */
function toNodes(value: unknown, path: string, empty: string): DataNode[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v] as const) : Object.entries(value);
  return entries.map(([key, v]) => {
    const id = `${path}.${key}`;
    const branch = v !== null && typeof v === 'object';
    const leaf = v === null || v === '' ? empty : typeof v === 'string' ? v : JSON.stringify(v);
    return {
      key: id,
      title: branch ? (
        <Typography.Text strong>{key}</Typography.Text>
      ) : (
        <span>
          <Typography.Text type="secondary">{key}: </Typography.Text>
          <span style={{ wordBreak: 'break-all' }}>{leaf}</span>
        </span>
      ),
      children: branch ? toNodes(v, id, empty) : undefined,
      isLeaf: !branch,
    };
  });
}

/**
 * A run's context as a tree a marketer can read — trigger data, template variables, webhook node
 * results — with its JSON on demand. Two levels are open; deeper ones open on a click.
 */
export function ContextTree({ context }: { context: Record<string, unknown> }) {
  const { t } = useT();
  const [json, setJson] = useState(false);
  const sections = Object.entries(context).map(([key, value]) => ({
    key,
    title: <Typography.Text strong>{SECTIONS.includes(key) ? t(`run.context.${key}` as MessageKey) : key}</Typography.Text>,
    children: toNodes(value, key, t('run.emptyValue')),
  }));
  // The sections and their first level open (the submitted data, the template variables, each node); deeper on a click.
  const opened = sections.flatMap((section) => [section.key, ...section.children.filter((c) => !c.isLeaf).map((c) => String(c.key))]);
  return (
    <Flex vertical gap={8}>
      <div>
        <Button size="small" onClick={() => setJson(!json)} data-testid="context-json-toggle">
          {json ? t('run.showTree') : t('run.showJson')}
        </Button>
      </div>
      {json ? (
        <JsonBlock value={context} testId="run-context" />
      ) : (
        <div data-testid="context-tree">
          <Tree treeData={sections} defaultExpandedKeys={opened} selectable={false} expandAction="click" showLine blockNode />
        </div>
      )}
    </Flex>
  );
}

import { Button, Flex, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { JsonBlock } from '../../../components/JsonBlock';
import { useT, type MessageKey } from '../../../i18n';

const SECTIONS = ['trigger', 'vars', 'nodes'];

/** Ids in a context that have a page of their own: shown as links to it. */
const LINKS: Partial<Record<string, (id: string) => string>> = {
  deliveryId: (id) => `/deliveries/${id}`,
  formId: (id) => `/forms/${id}`,
  groupId: (id) => `/groups/${id}`,
  customerId: (id) => `/customers/${id}`,
};

function leafText(key: string, value: unknown, empty: string): ReactNode {
  const text = value === null || value === '' ? empty : typeof value === 'string' ? value : JSON.stringify(value);
  const link = LINKS[key];
  return link && (typeof value === 'string' || typeof value === 'number') && value !== '' ? (
    <Link to={link(String(value))} style={{ textDecoration: 'underline' }}>
      {text}
    </Link>
  ) : (
    text
  );
}

/** A value as a tree node: objects and arrays open into their entries, leaves read "key: value". */
function toNodes(value: unknown, path: string, empty: string, names: Map<string, string> = new Map()): DataNode[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v] as const) : Object.entries(value);
  return entries.map(([key, v]) => {
    const id = `${path}.${key}`;
    const branch = v !== null && typeof v === 'object';
    return {
      key: id,
      title: branch ? (
        <Typography.Text strong>{names.has(key) ? `${names.get(key)} (${key})` : key}</Typography.Text>
      ) : (
        <span>
          <Typography.Text type="secondary">{key}: </Typography.Text>
          <span style={{ wordBreak: 'break-all' }}>{leafText(key, v, empty)}</span>
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
export function ContextTree({ context, nodeNames }: { context: Record<string, unknown>; nodeNames: Map<string, string> }) {
  const { t } = useT();
  const [json, setJson] = useState(false);
  const sections = Object.entries(context).map(([key, value]) => ({
    key,
    title: <Typography.Text strong>{SECTIONS.includes(key) ? t(`run.context.${key}` as MessageKey) : key}</Typography.Text>,
    // Webhook nodes' results are keyed by node id: shown with the node's name.
    children: toNodes(value, key, t('run.emptyValue'), key === 'nodes' ? nodeNames : undefined),
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

import { ThunderboltOutlined } from '@ant-design/icons';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n';
import type { JourneyNode } from '../../../lib/models';
import { nodeLinks } from './definition';
import { NODES } from './nodes';
import type { LinkSpec } from './nodes/kind';
import { NodeCountsBar, TraceTag, TRACE_COLORS } from './NodeBadges';
import type { NodeTrace } from './trace';
import type { NodeCount } from './useNodeCounts';

export type StepData = {
  node: JourneyNode;
  summary: string;
  errors: string[];
  isStart: boolean;
  /** Live counts (an active or paused journey). */
  counts?: NodeCount;
  /** A test run on the canvas: what the node did (null: the run did not reach it); undefined outside a test. */
  trace?: NodeTrace | null;
};
export type TriggerData = { summary: string; errors: string[] };
export type StepFlowNode = Node<StepData, 'step'>;
export type TriggerFlowNode = Node<TriggerData, 'trigger'>;

const BOX_WIDTH = 200;

interface BoxProps {
  color: string;
  selected: boolean;
  errors: string[];
  children: ReactNode;
  testId: string;
  trace?: NodeTrace | null;
  /** Under the errors, right over the source handles: the branches' names. */
  footer?: ReactNode;
}

function Box({ color, selected, errors, children, testId, trace, footer }: BoxProps) {
  const bad = errors.length > 0;
  const traced = trace ? TRACE_COLORS[trace.state] : null;
  return (
    <div
      data-testid={testId}
      data-invalid={bad ? 'true' : undefined}
      data-trace={trace === undefined ? undefined : (trace?.state ?? 'skipped')}
      style={{
        width: BOX_WIDTH,
        opacity: trace === null ? 0.5 : 1,
        background: '#fff',
        borderRadius: 8,
        fontSize: 12,
        lineHeight: 1.4,
        border: `${selected || bad || traced ? 2 : 1}px solid ${bad ? '#cf222e' : selected ? '#1f6feb' : (traced ?? '#d0d7de')}`,
        borderTop: `4px solid ${bad ? '#cf222e' : color}`,
        boxShadow: selected ? '0 0 0 3px rgba(31,111,235,0.15)' : '0 1px 2px rgba(0,0,0,0.06)',
      }}
    >
      {children}
      {bad ? (
        <div
          data-testid="node-errors"
          style={{
            color: '#cf222e',
            borderTop: '1px solid #ffd8d3',
            padding: '4px 8px',
            background: '#fff5f4',
            borderRadius: '0 0 8px 8px',
            wordBreak: 'break-word',
          }}
        >
          {errors.slice(0, 2).map((e, i) => (
            <div key={i}>{e}</div>
          ))}
          {errors.length > 2 ? <div>…</div> : null}
        </div>
      ) : null}
      {footer}
    </div>
  );
}

const handleStyle = { width: 10, height: 10 };

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** A branch the marketer named (a split's), over its handle: its name, then its share — and its runs on a live canvas. */
function NamedBranch({ link, count, testId }: { link: LinkSpec; count?: number; testId: string }) {
  const { t } = useT();
  const share = count === undefined ? `${link.percent}%` : t('split.caption', { count, percent: link.percent ?? 0 });
  return (
    <span data-testid={testId} data-count={count} title={`${link.text} · ${share}`} style={{ flex: 1, minWidth: 0, textAlign: 'center', padding: '0 2px' }}>
      <span style={{ ...ellipsis, display: 'block', color: link.color, fontWeight: 600 }}>{link.text}</span>
      <span style={{ ...ellipsis, display: 'block' }}>{share}</span>
    </span>
  );
}

/** The names of a node's branches, each over its handle (是 / 否, a split's 方案A 45%), with their runs on a live canvas. */
function BranchNames({ nodeId, links, live }: { nodeId: string; links: readonly LinkSpec[]; live?: NodeCount }) {
  const { t } = useT();
  return (
    <div style={{ display: 'flex', justifyContent: 'space-around', fontSize: 10, color: '#57606a', paddingBottom: 2 }}>
      {links.map((l) =>
        l.text !== undefined ? (
          <NamedBranch key={l.key} testId={`branch-${nodeId}-${l.key}`} link={l} count={live && l.count ? l.count(live) : undefined} />
        ) : (
          <span key={l.key} data-testid={`branch-${nodeId}-${l.key}`}>
            {l.label ? t(l.label) : null}
            {live && l.count ? ` · ${l.count(live)}` : null}
          </span>
        ),
      )}
    </div>
  );
}

/** A journey node: its type, id and label, one line of what it does, its errors; handles for its links. */
export function StepNodeView({ data, selected }: NodeProps<StepFlowNode>) {
  const { t } = useT();
  const { node } = data;
  const kind = NODES[node.type];
  const { color } = kind;
  const links = nodeLinks(node);
  const labelled = links.some((l) => l.label || l.text);
  // A split's handles sit under their own captions (one column each); a condition's spread from 30% to 70%.
  const handleLeft = (i: number) => (kind.dynamicLinks ? ((i + 0.5) * 100) / links.length : 30 + (40 * i) / (links.length - 1));
  const live = data.counts && data.trace === undefined ? data.counts : undefined;
  return (
    <Box
      color={color}
      selected={!!selected}
      errors={data.errors}
      testId={`node-${node.id}`}
      trace={data.trace}
      footer={labelled ? <BranchNames nodeId={node.id} links={links} live={live} /> : undefined}
    >
      <Handle type="target" position={Position.Top} id="in" style={handleStyle} />
      <div style={{ padding: '6px 8px' }}>
        <div style={{ display: 'flex', gap: 6, alignItems: 'center', color }}>
          {kind.icon}
          <strong style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{node.label || t(kind.label)}</strong>
          {data.isStart ? <span style={{ fontSize: 10, color: '#1a7f37' }}>{t('journey.startBadge')}</span> : null}
          {data.trace ? <TraceTag state={data.trace.state} /> : null}
        </div>
        <div style={{ color: '#57606a', fontFamily: 'ui-monospace, monospace', fontSize: 11 }}>{node.id}</div>
        {data.summary ? (
          <div style={{ color: '#24292f', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={data.summary}>
            {data.summary}
          </div>
        ) : null}
      </div>
      {data.counts && data.trace === undefined ? <NodeCountsBar nodeId={node.id} counts={data.counts} /> : null}
      {/* One handle per link: a single one in the middle; branches spread out, in their colours and named below. */}
      {links.map((l, i) => (
        <Handle
          key={l.key}
          type="source"
          position={Position.Bottom}
          id={l.key}
          style={links.length > 1 ? { ...handleStyle, left: `${handleLeft(i)}%`, background: l.color } : handleStyle}
        />
      ))}
    </Box>
  );
}

/** The trigger box: what starts the journey; its handle's edge is the start node. */
export function TriggerNodeView({ data, selected }: NodeProps<TriggerFlowNode>) {
  const { t } = useT();
  return (
    <Box color="#bf8700" selected={!!selected} errors={data.errors} testId="node-trigger">
      <div style={{ padding: '6px 8px' }}>
        <div style={{ display: 'flex', gap: 6, alignItems: 'center', color: '#9a6700' }}>
          <ThunderboltOutlined />
          <strong>{t('journey.triggerBox')}</strong>
        </div>
        <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={data.summary}>
          {data.summary}
        </div>
      </div>
      <Handle type="source" position={Position.Bottom} id="start" style={{ ...handleStyle, background: '#bf8700' }} />
    </Box>
  );
}

export const nodeTypes = { step: StepNodeView, trigger: TriggerNodeView };

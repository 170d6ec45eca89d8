import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useT } from '../../../i18n';
import type { JourneyNode, NodeType } from '../../../lib/models';
import { linkTarget, newNode, nodeLinks, removeNode, setLink, TRIGGER_ID, triggerPosition, updateNode, type Draft } from './definition';
import { nodeTypes, type StepData, type TriggerData } from './FlowNodes';
import type { LinkSpec, T } from './nodes/kind';
import type { RunTrace } from './trace';
import type { NodeCount } from './useNodeCounts';

export type Selection = { kind: 'node' | 'edge'; id: string } | null;
export const PALETTE_MIME = 'application/x-herald-node';

interface Props {
  draft: Draft;
  onChange: (draft: Draft) => void;
  selection: Selection;
  onSelect: (selection: Selection) => void;
  errorsByNode: Map<string, string[]>;
  describe: (node: JourneyNode) => string;
  triggerSummary: string;
  height: number;
  /** Bumped by the palette after adding a node: the view fits the graph again. */
  fitSignal: number;
  /** Live per-node counts (an active or paused journey); a node nobody reached shows zeros. */
  counts?: Map<string, NodeCount>;
  /** A test run's path: the canvas is read-only while it shows one. */
  trace?: RunTrace;
  /** The caller may not change journeys: nothing moves, connects or is deleted. */
  readOnly?: boolean;
}

const zero = (nodeId: string): NodeCount => ({ nodeId, entered: 0, waiting: 0, done: 0, failed: 0, then: 0, else: 0, branches: [] });
/** Edges a test run did not take. */
const UNTAKEN = '#d0d7de';

/** Edge ids say which handle they leave from: `<node>:<next|then|else|b0…>`, and `@trigger:start`. */
const edgeId = (source: string, handle: string) => `${source}:${handle}`;
function parseEdgeId(id: string): { source: string; handle: string } {
  const at = id.lastIndexOf(':');
  return { source: id.slice(0, at), handle: id.slice(at + 1) };
}

/** A branch's edge is named: 是 / 否, or a split's 方案A 45% (with its runs on a live canvas: 方案A 45% · 18 人). */
function edgeLabel(t: T, l: LinkSpec, live: NodeCount | undefined): string | undefined {
  if (l.text === undefined) return l.label ? t(l.label) : undefined;
  const named = `${l.text} ${l.percent}%`;
  return live && l.count ? `${named} · ${t('split.runs', { count: l.count(live) })}` : named;
}

/** The trigger's edge; a node's edges take their link's colour (nodes/kind.ts). */
const START_COLOR = '#bf8700';

/**
 * The journey as a graph (React Flow): drawn from the draft on every change, and every gesture —
 * drag, connect, delete, drop from the palette — turned back into an edit of the draft.
 */
export function JourneyCanvas({
  draft,
  onChange,
  selection,
  onSelect,
  errorsByNode,
  describe,
  triggerSummary,
  height,
  fitSignal,
  counts,
  trace,
  readOnly,
}: Props) {
  const locked = !!trace || !!readOnly;
  const { t } = useT();
  const flow = useReactFlow();
  // React Flow measures nodes in the DOM; nodes rebuilt from the draft must carry that back or they hide again.
  const [measured, setMeasured] = useState<Map<string, { width: number; height: number }>>(new Map());
  const draftRef = useRef(draft);
  draftRef.current = draft;
  // React Flow reports a click on an edge as two batches (nodes deselected, edge selected) in either
  // order before we re-render: the ref keeps the latest choice so the deselection cannot undo it.
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const select = useCallback(
    (next: Selection) => {
      selectionRef.current = next;
      onSelect(next);
    },
    [onSelect],
  );

  const nodes = useMemo<Node[]>(() => {
    const trigger: Node<TriggerData> = {
      id: TRIGGER_ID,
      type: 'trigger',
      position: triggerPosition(draft),
      deletable: false,
      draggable: false,
      data: { summary: triggerSummary, errors: errorsByNode.get(TRIGGER_ID) ?? [] },
      selected: selection?.kind === 'node' && selection.id === TRIGGER_ID,
      measured: measured.get(TRIGGER_ID),
    };
    return [
      trigger,
      ...draft.nodes.map((n): Node<StepData> => ({
        id: n.id,
        type: 'step',
        position: n.position ?? { x: 0, y: 0 },
        data: {
          node: n,
          summary: describe(n),
          errors: errorsByNode.get(n.id) ?? [],
          isStart: draft.start === n.id,
          counts: counts ? (counts.get(n.id) ?? zero(n.id)) : undefined,
          trace: trace ? (trace.nodes.get(n.id) ?? null) : undefined,
        },
        selected: selection?.kind === 'node' && selection.id === n.id,
        measured: measured.get(n.id),
      })),
    ];
  }, [draft, errorsByNode, describe, triggerSummary, selection, measured, counts, trace]);

  const edges = useMemo<Edge[]>(() => {
    const out: Edge[] = [];
    const ids = new Set(draft.nodes.map((n) => n.id));
    const add = (source: string, handle: string, target: string | undefined, linkColor: string, label?: string) => {
      if (!target || !ids.has(target)) return;
      const id = edgeId(source, handle);
      const taken = trace?.edges.has(id);
      const color = trace && !taken ? UNTAKEN : linkColor;
      out.push({
        id,
        source,
        sourceHandle: handle,
        target,
        targetHandle: 'in',
        label,
        selected: selection?.kind === 'edge' && selection.id === id,
        style: { stroke: color, strokeWidth: taken ? 3 : 2 },
        animated: taken,
        markerEnd: { type: MarkerType.ArrowClosed, color },
        labelStyle: { fill: color, fontWeight: 600 },
      });
    };
    add(TRIGGER_ID, 'start', draft.start, START_COLOR);
    for (const n of draft.nodes) {
      const live = !trace ? counts?.get(n.id) : undefined;
      for (const l of nodeLinks(n)) add(n.id, l.key, linkTarget(n, l.key), l.color, edgeLabel(t, l, live));
    }
    return out;
  }, [draft, selection, t, trace, counts]);

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      let next = draftRef.current;
      let sizes: Map<string, { width: number; height: number }> | null = null;
      let picked: string | null | undefined;
      for (const c of changes) {
        if (c.type === 'position' && c.position && c.id !== TRIGGER_ID) {
          const position = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
          next = updateNode(next, c.id, (n) => ({ ...n, position }));
        } else if (c.type === 'dimensions' && c.dimensions) {
          sizes ??= new Map(measured);
          sizes.set(c.id, c.dimensions);
        } else if (c.type === 'remove' && c.id !== TRIGGER_ID) {
          next = removeNode(next, c.id);
        } else if (c.type === 'select') {
          if (c.selected) picked = c.id;
          else if (picked === undefined && selectionRef.current?.kind === 'node' && selectionRef.current.id === c.id) picked = null;
        }
      }
      if (next !== draftRef.current) onChange(next);
      if (sizes) setMeasured(sizes);
      if (picked !== undefined) select(picked ? { kind: 'node', id: picked } : null);
    },
    [measured, onChange, select],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let next = draftRef.current;
      let picked: string | null | undefined;
      for (const c of changes) {
        if (c.type === 'remove') {
          const { source, handle } = parseEdgeId(c.id);
          next = setLink(next, source, handle, undefined);
        } else if (c.type === 'select') {
          if (c.selected) picked = c.id;
          else if (picked === undefined && selectionRef.current?.kind === 'edge' && selectionRef.current.id === c.id) picked = null;
        }
      }
      if (next !== draftRef.current) onChange(next);
      if (picked !== undefined) select(picked ? { kind: 'edge', id: picked } : null);
    },
    [onChange, select],
  );

  // A handle has one edge: connecting it again moves the link.
  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target || c.target === TRIGGER_ID) return;
      onChange(setLink(draftRef.current, c.source, c.sourceHandle ?? 'next', c.target));
    },
    [onChange],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(PALETTE_MIME) as NodeType;
      if (!type) return;
      e.preventDefault();
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const node = newNode(type, draftRef.current.nodes, { x: at.x - 100, y: at.y - 20 });
      onChange({ ...draftRef.current, nodes: [...draftRef.current.nodes, node] });
      select({ kind: 'node', id: node.id });
    },
    [flow, onChange, select],
  );

  useEffect(() => {
    if (!fitSignal) return;
    const timer = setTimeout(() => void flow.fitView({ padding: 0.1, maxZoom: 1 }), 50);
    return () => clearTimeout(timer);
  }, [fitSignal, flow]);

  // A phone and a desktop get different heights: the graph fits again when the screen crosses over.
  const firstHeight = useRef(height);
  useEffect(() => {
    if (height === firstHeight.current) return;
    firstHeight.current = height;
    const timer = setTimeout(() => void flow.fitView({ padding: 0.1, maxZoom: 1 }), 50);
    return () => clearTimeout(timer);
  }, [height, flow]);

  return (
    <div
      style={{ height, border: '1px solid #d0d7de', borderRadius: 8, background: '#fff' }}
      data-testid="journey-canvas"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(PALETTE_MIME)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
        }
      }}
      onDrop={onDrop}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onPaneClick={() => select(null)}
        nodesDraggable={!locked}
        nodesConnectable={!locked}
        deleteKeyCode={locked ? null : ['Backspace', 'Delete']}
        fitView
        fitViewOptions={{ padding: 0.1, maxZoom: 1 }}
        minZoom={0.2}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

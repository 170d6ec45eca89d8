/**
 * The journey being edited, in the API's own shape (README → Journeys), and the pure edits the
 * canvas makes to it. The canvas is drawn from this; nothing else holds the graph.
 */
import type { JourneyNode, JourneyTrigger, LinkKey, NodeType } from '../../../lib/models';
import { NODES } from './nodes';
import type { LinkSpec } from './nodes/kind';

export interface Draft {
  name: string;
  reentry: 'once' | 'always';
  trigger: JourneyTrigger;
  start: string;
  nodes: JourneyNode[];
}

/** The canvas's trigger box: not a node of the journey; its one edge is `start`. */
export const TRIGGER_ID = '@trigger';
export const NODE_ID = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The links a node type has, i.e. its source handles, left to right. */
export const linkKeys = (type: NodeType): LinkKey[] => NODES[type].links.map((l) => l.key as LinkKey);

/** A node's source handles, left to right: its type's links, or the ones its settings make (a split's branches). */
export const nodeLinks = (n: JourneyNode): readonly LinkSpec[] => NODES[n.type].dynamicLinks?.of(n) ?? NODES[n.type].links;

/** The node a handle of `n` links to. */
export function linkTarget(n: JourneyNode, key: string): string | undefined {
  const dynamic = NODES[n.type].dynamicLinks;
  return dynamic ? dynamic.get(n, key) : (n[key as LinkKey] ?? undefined);
}

/** `n` with its handle `key` linked to `target` (or unlinked). */
export function withLink(n: JourneyNode, key: string, target: string | undefined): JourneyNode {
  const dynamic = NODES[n.type].dynamicLinks;
  if (dynamic) return dynamic.set(n, key, target);
  const copy = { ...n };
  if (target) copy[key as LinkKey] = target;
  else delete copy[key as LinkKey];
  return copy;
}

export const LAYER_HEIGHT = 120;
export const COLUMN_WIDTH = 250;

export function emptyDraft(name: string): Draft {
  return { name, reentry: 'once', trigger: { type: 'group_entry' }, start: '', nodes: [] };
}

/** `webhook_1`, `webhook_2`…: the first free readable id for a type. */
export function newNodeId(type: NodeType, nodes: JourneyNode[]): string {
  const taken = new Set(nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${type}_${i}`)) return `${type}_${i}`;
}

/** A node as the palette adds it; what it still needs is left for the live check to point out. */
export function newNode(type: NodeType, nodes: JourneyNode[], position: { x: number; y: number }): JourneyNode {
  const base = { id: newNodeId(type, nodes), type, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  return { ...base, ...NODES[type].create() };
}

/** Where the palette puts a new node: under the lowest one, so it never lands on top of another. */
export function nextFreePosition(nodes: JourneyNode[]): { x: number; y: number } {
  if (!nodes.length) return { x: 0, y: LAYER_HEIGHT };
  const lowest = nodes.reduce((a, b) => ((b.position?.y ?? 0) > (a.position?.y ?? 0) ? b : a));
  return { x: lowest.position?.x ?? 0, y: (lowest.position?.y ?? 0) + LAYER_HEIGHT };
}

const targetsOf = (n: JourneyNode) =>
  nodeLinks(n)
    .map((l) => linkTarget(n, l.key))
    .filter((x): x is string => !!x);

/**
 * Positions for nodes that have none (a journey made through the API): layers by the longest path
 * from the start (links that loop back are left out), so a node sits below everything leading to it;
 * within a layer, nodes follow their parents' order; nodes the start does not reach go below.
 */
export function withLayout(draft: Draft): Draft {
  if (draft.nodes.every((n) => n.position)) return draft;
  const byId = new Map(draft.nodes.map((n) => [n.id, n]));
  const targets = (id: string) => targetsOf(byId.get(id)!).filter((t) => byId.has(t));
  // Depth-first from the start: links into a node still being visited close a loop.
  const state = new Map<string, 'open' | 'done'>();
  const loops = new Set<string>();
  const postorder: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const t of targets(id)) {
      if (state.get(t) === 'open') loops.add(`${id}>${t}`);
      else if (!state.has(t)) visit(t);
    }
    state.set(id, 'done');
    postorder.push(id);
  };
  if (byId.has(draft.start)) visit(draft.start);
  const depth = new Map<string, number>();
  if (byId.has(draft.start)) depth.set(draft.start, 1);
  for (const id of [...postorder].reverse()) {
    for (const t of targets(id)) if (!loops.has(`${id}>${t}`)) depth.set(t, Math.max(depth.get(t) ?? 0, depth.get(id)! + 1));
  }
  const deepest = Math.max(0, ...depth.values());
  for (const n of draft.nodes) if (!depth.has(n.id)) depth.set(n.id, deepest + 1);
  // Each node under its parents, its branches spread a column apart: a condition's 是 half a column
  // left, its 否 half right; a single link straight down.
  const parents = new Map<string, { id: string; offset: number }[]>();
  for (const n of draft.nodes) {
    const keys = nodeLinks(n).map((l) => l.key);
    for (const [i, k] of keys.entries()) {
      const t = linkTarget(n, k);
      if (!t || !byId.has(t) || loops.has(`${n.id}>${t}`)) continue;
      const offset = (i - (keys.length - 1) / 2) * COLUMN_WIDTH;
      parents.set(t, [...(parents.get(t) ?? []), { id: n.id, offset }]);
    }
  }
  const layers = new Map<number, string[]>();
  for (const n of draft.nodes) layers.set(depth.get(n.id)!, [...(layers.get(depth.get(n.id)!) ?? []), n.id]);
  const placed = new Map<string, { x: number; y: number }>();
  for (const d of [...layers.keys()].sort((a, b) => a - b)) {
    const wanted = (id: string) => {
      const xs = (parents.get(id) ?? []).flatMap((p) => (placed.has(p.id) ? [placed.get(p.id)!.x + p.offset] : []));
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    };
    // Left to right by where each wants to be, pushed apart where two would overlap.
    let last = -Infinity;
    for (const id of layers
      .get(d)!
      .map((id) => ({ id, x: wanted(id) }))
      .sort((a, b) => a.x - b.x)) {
      last = Math.max(id.x, last + COLUMN_WIDTH);
      placed.set(id.id, { x: Math.round(last), y: d * LAYER_HEIGHT });
    }
  }
  return { ...draft, nodes: draft.nodes.map((n) => (n.position ? n : { ...n, position: placed.get(n.id) })) };
}

/** Where the trigger box sits: above the start node (or the topmost node). */
export function triggerPosition(draft: Draft): { x: number; y: number } {
  const start =
    draft.nodes.find((n) => n.id === draft.start) ??
    draft.nodes.reduce<JourneyNode | undefined>((a, b) => (!a || (b.position?.y ?? 0) < (a.position?.y ?? 0) ? b : a), undefined);
  const p = start?.position ?? { x: 0, y: LAYER_HEIGHT };
  return { x: p.x, y: p.y - LAYER_HEIGHT };
}

export function updateNode(draft: Draft, id: string, change: (n: JourneyNode) => JourneyNode): Draft {
  return { ...draft, nodes: draft.nodes.map((n) => (n.id === id ? change(n) : n)) };
}

/** Links `source`'s handle to `target` (or unlinks it); the trigger's handle is the start. */
export function setLink(draft: Draft, source: string, handle: string, target: string | undefined): Draft {
  if (source === TRIGGER_ID) return { ...draft, start: target ?? '' };
  return updateNode(draft, source, (n) => withLink(n, handle, target));
}

/** Removes a node and every link to it. */
export function removeNode(draft: Draft, id: string): Draft {
  const nodes = draft.nodes
    .filter((n) => n.id !== id)
    .map((n) => nodeLinks(n).reduce((copy, l) => (linkTarget(copy, l.key) === id ? withLink(copy, l.key, undefined) : copy), { ...n }));
  return { ...draft, nodes, start: draft.start === id ? '' : draft.start };
}

/** Why an id cannot be used, or null. */
export function idProblem(draft: Draft, oldId: string, newId: string): 'format' | 'taken' | null {
  if (!NODE_ID.test(newId)) return 'format';
  if (newId !== oldId && draft.nodes.some((n) => n.id === newId)) return 'taken';
  return null;
}

/** Renames a node and what points at it: links, the start, and what a type's settings name (a condition's `nodes.<id>.…`). */
export function renameNode(draft: Draft, oldId: string, newId: string): Draft {
  const nodes = draft.nodes.map((n) => {
    let copy: JourneyNode = { ...n, id: n.id === oldId ? newId : n.id };
    for (const l of nodeLinks(n)) if (linkTarget(copy, l.key) === oldId) copy = withLink(copy, l.key, newId);
    return NODES[n.type].renameRefs?.(copy, oldId, newId) ?? copy;
  });
  return { ...draft, nodes, start: draft.start === oldId ? newId : draft.start };
}

/** What the API is sent: the definition without empty labels. */
export function toPayload(draft: Draft) {
  return {
    name: draft.name,
    reentry: draft.reentry,
    trigger: draft.trigger,
    start: draft.start,
    nodes: draft.nodes.map((n) => (n.label ? n : (({ label: _, ...rest }) => rest)(n))),
  };
}

/**
 * The API's problems, worded in the console's language and keyed by path (`nodes[3].next`,
 * `trigger.groupId`, `start`), sorted to what they are about: a node (by id), the trigger box, or
 * the journey as a whole. On a node, the path inside it (`webhookId`) says which field.
 */
export function sortErrors(errors: Record<string, string[]>, nodes: JourneyNode[]) {
  const byNode = new Map<string, string[]>();
  const byNodePath = new Map<string, Record<string, string[]>>();
  const general: { path: string; message: string; nodeId?: string }[] = [];
  const push = (id: string, messages: string[]) => byNode.set(id, [...(byNode.get(id) ?? []), ...messages]);
  for (const [path, messages] of Object.entries(errors)) {
    const m = /^nodes\[(\d+)\](.*)$/.exec(path);
    const node = m ? nodes[Number(m[1])] : undefined;
    if (m && node) {
      const local = m[2].replace(/^\./, '');
      push(node.id, messages);
      byNodePath.set(node.id, { ...byNodePath.get(node.id), [local || '.']: messages });
      for (const msg of messages) general.push({ path: local, message: msg, nodeId: node.id });
    } else if (path === 'start' || path.startsWith('trigger')) {
      push(TRIGGER_ID, messages);
      for (const msg of messages) general.push({ path, message: msg, nodeId: TRIGGER_ID });
    } else {
      for (const msg of messages) general.push({ path, message: msg });
    }
  }
  return { byNode, byNodePath, general };
}

/**
 * The journey being edited, in the API's own shape (README → Journeys), and the pure edits the
 * canvas makes to it. The canvas is drawn from this; nothing else holds the graph.
 */
import type { JourneyNode, JourneyTrigger, LinkKey, NodeType } from '../../../lib/automation-types';

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

/** The links a node type has, i.e. its source handles. */
export const LINKS: Record<NodeType, LinkKey[]> = {
  webhook: ['next'], wait: ['next'], update_customer: ['next'], condition: ['then', 'else'], end: [],
};

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
  switch (type) {
    case 'webhook': return { ...base, onFailure: 'stop' };
    case 'wait': return { ...base, seconds: 3600 };
    case 'condition': return { ...base, rule: { and: [{ field: 'customer.activityScore', op: '>=', value: 500 }] } };
    default: return base;
  }
}

/** Where the palette puts a new node: under the lowest one, so it never lands on top of another. */
export function nextFreePosition(nodes: JourneyNode[]): { x: number; y: number } {
  if (!nodes.length) return { x: 0, y: LAYER_HEIGHT };
  const lowest = nodes.reduce((a, b) => ((b.position?.y ?? 0) > (a.position?.y ?? 0) ? b : a));
  return { x: lowest.position?.x ?? 0, y: (lowest.position?.y ?? 0) + LAYER_HEIGHT };
}

const targetsOf = (n: JourneyNode) => LINKS[n.type].map((k) => n[k]).filter((x): x is string => !!x);

/**
 * Positions for nodes that have none (a journey made through the API): layers by BFS depth from
 * the start (the trigger is layer 0), centred per layer; nodes the start does not reach go below.
 */
export function withLayout(draft: Draft): Draft {
  if (draft.nodes.every((n) => n.position)) return draft;
  const byId = new Map(draft.nodes.map((n) => [n.id, n]));
  const depth = new Map<string, number>();
  const queue: string[] = [];
  if (byId.has(draft.start)) {
    depth.set(draft.start, 1);
    queue.push(draft.start);
  }
  while (queue.length) {
    const id = queue.shift()!;
    for (const next of targetsOf(byId.get(id)!)) {
      if (byId.has(next) && !depth.has(next)) {
        depth.set(next, depth.get(id)! + 1);
        queue.push(next);
      }
    }
  }
  const deepest = Math.max(0, ...depth.values());
  for (const n of draft.nodes) if (!depth.has(n.id)) depth.set(n.id, deepest + 1);
  const layers = new Map<number, string[]>();
  for (const n of draft.nodes) layers.set(depth.get(n.id)!, [...(layers.get(depth.get(n.id)!) ?? []), n.id]);
  const placed = new Map<string, { x: number; y: number }>();
  for (const [d, ids] of layers) {
    ids.forEach((id, i) => placed.set(id, { x: Math.round((i - (ids.length - 1) / 2) * COLUMN_WIDTH), y: d * LAYER_HEIGHT }));
  }
  return { ...draft, nodes: draft.nodes.map((n) => (n.position ? n : { ...n, position: placed.get(n.id) })) };
}

/** Where the trigger box sits: above the start node (or the topmost node). */
export function triggerPosition(draft: Draft): { x: number; y: number } {
  const start = draft.nodes.find((n) => n.id === draft.start)
    ?? draft.nodes.reduce<JourneyNode | undefined>((a, b) => (!a || (b.position?.y ?? 0) < (a.position?.y ?? 0) ? b : a), undefined);
  const p = start?.position ?? { x: 0, y: LAYER_HEIGHT };
  return { x: p.x, y: p.y - LAYER_HEIGHT };
}

export function updateNode(draft: Draft, id: string, change: (n: JourneyNode) => JourneyNode): Draft {
  return { ...draft, nodes: draft.nodes.map((n) => (n.id === id ? change(n) : n)) };
}

/** Links `source`'s handle to `target` (or unlinks it); the trigger's handle is the start. */
export function setLink(draft: Draft, source: string, handle: LinkKey | 'start', target: string | undefined): Draft {
  if (source === TRIGGER_ID) return { ...draft, start: target ?? '' };
  return updateNode(draft, source, (n) => {
    const copy = { ...n };
    if (target) copy[handle as LinkKey] = target;
    else delete copy[handle as LinkKey];
    return copy;
  });
}

/** Removes a node and every link to it. */
export function removeNode(draft: Draft, id: string): Draft {
  const nodes = draft.nodes.filter((n) => n.id !== id).map((n) => {
    const copy = { ...n };
    for (const k of LINKS[n.type]) if (copy[k] === id) delete copy[k];
    return copy;
  });
  return { ...draft, nodes, start: draft.start === id ? '' : draft.start };
}

/** Why an id cannot be used, or null. */
export function idProblem(draft: Draft, oldId: string, newId: string): 'format' | 'taken' | null {
  if (!NODE_ID.test(newId)) return 'format';
  if (newId !== oldId && draft.nodes.some((n) => n.id === newId)) return 'taken';
  return null;
}

/** Renames a node and what points at it: links, the start, and conditions reading `nodes.<id>.…`. */
export function renameNode(draft: Draft, oldId: string, newId: string): Draft {
  const prefix = `nodes.${oldId}.`;
  const renameFields = (rule: unknown): unknown => {
    if (Array.isArray(rule)) return rule.map(renameFields);
    if (rule && typeof rule === 'object') {
      const r = rule as Record<string, unknown>;
      if (typeof r.field === 'string' && r.field.startsWith(prefix)) return { ...r, field: `nodes.${newId}.${r.field.slice(prefix.length)}` };
      return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, renameFields(v)]));
    }
    return rule;
  };
  const nodes = draft.nodes.map((n) => {
    const copy: JourneyNode = { ...n, id: n.id === oldId ? newId : n.id };
    for (const k of LINKS[n.type]) if (copy[k] === oldId) copy[k] = newId;
    if (copy.type === 'condition') copy.rule = renameFields(copy.rule);
    return copy;
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
 * The API's errors (`nodes[3].next`, `trigger.groupId`, `start`) sorted to what they are about:
 * a node (by id), the trigger box, or the journey as a whole. Messages lose the node's own
 * prefix when shown on it ("webhookId must be a webhook id").
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
      // "nodes[1] (tag) is not reachable" → "is not reachable": on the node, its index and id go without saying.
      const short = messages.map((msg) => msg.replace(/^nodes\[\d+\]\.?\s*(\([^)]*\)\s*)?/, '').trim());
      push(node.id, short);
      byNodePath.set(node.id, { ...byNodePath.get(node.id), [local || '.']: short });
      for (const msg of messages) general.push({ path, message: msg, nodeId: node.id });
    } else if (path === 'start' || path.startsWith('trigger')) {
      push(TRIGGER_ID, messages);
      for (const msg of messages) general.push({ path, message: msg, nodeId: TRIGGER_ID });
    } else {
      for (const msg of messages) general.push({ path, message: msg });
    }
  }
  return { byNode, byNodePath, general };
}

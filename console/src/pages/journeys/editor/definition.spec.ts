/// <reference types="jest" />
import type { JourneyNode } from '../../../lib/models';
import {
  COLUMN_WIDTH,
  emptyDraft,
  idProblem,
  LAYER_HEIGHT,
  linkKeys,
  newNode,
  newNodeId,
  nextFreePosition,
  removeNode,
  renameNode,
  setLink,
  sortErrors,
  toPayload,
  TRIGGER_ID,
  triggerPosition,
  updateNode,
  withLayout,
  type Draft,
} from './definition';

const draftOf = (nodes: JourneyNode[], start = nodes[0]?.id ?? ''): Draft => ({ ...emptyDraft('j'), start, nodes });
const at = (x: number, y: number) => ({ x, y });
const positions = (d: Draft) => Object.fromEntries(d.nodes.map((n) => [n.id, n.position]));

describe('journey definition edits', () => {
  it('a new journey starts empty, entered once from a group', () => {
    expect(emptyDraft('未命名')).toEqual({ name: '未命名', reentry: 'once', trigger: { type: 'group_entry' }, start: '', nodes: [] });
  });

  it('links come from the node registry: one next, a condition’s then and else, none on an end', () => {
    expect(linkKeys('webhook')).toEqual(['next']);
    expect(linkKeys('wait')).toEqual(['next']);
    expect(linkKeys('update_customer')).toEqual(['next']);
    expect(linkKeys('condition')).toEqual(['then', 'else']);
    expect(linkKeys('end')).toEqual([]);
  });

  describe('adding a node', () => {
    it('takes the first free readable id of its type', () => {
      const nodes: JourneyNode[] = [
        { id: 'wait_1', type: 'wait' },
        { id: 'wait_3', type: 'wait' },
        { id: 'webhook_1', type: 'webhook' },
      ];
      expect(newNodeId('wait', nodes)).toBe('wait_2');
      expect(newNodeId('webhook', nodes)).toBe('webhook_2');
      expect(newNodeId('end', nodes)).toBe('end_1');
    });

    it('starts with its type’s defaults at a whole-pixel position', () => {
      expect(newNode('webhook', [], at(10.4, 20.6))).toEqual({ id: 'webhook_1', type: 'webhook', position: at(10, 21), onFailure: 'stop' });
      expect(newNode('wait', [], at(0, 0))).toEqual({ id: 'wait_1', type: 'wait', position: at(0, 0), seconds: 3600 });
      expect(newNode('condition', [], at(0, 0)).rule).toEqual({ and: [{ field: 'customer.activityScore', op: '>=', value: 500 }] });
      expect(newNode('update_customer', [], at(0, 0))).toEqual({ id: 'update_customer_1', type: 'update_customer', position: at(0, 0) });
      expect(newNode('end', [], at(0, 0))).toEqual({ id: 'end_1', type: 'end', position: at(0, 0) });
    });

    it('two new conditions do not share one rule object', () => {
      const a = newNode('condition', [], at(0, 0));
      const b = newNode('condition', [a], at(0, 0));
      expect(b.id).toBe('condition_2');
      expect(b.rule).not.toBe(a.rule);
    });

    it('goes under the lowest node, or one layer down on an empty canvas', () => {
      expect(nextFreePosition([])).toEqual(at(0, LAYER_HEIGHT));
      const nodes: JourneyNode[] = [
        { id: 'a', type: 'wait', position: at(40, 300) },
        { id: 'b', type: 'wait', position: at(-80, 120) },
      ];
      expect(nextFreePosition(nodes)).toEqual(at(40, 300 + LAYER_HEIGHT));
    });
  });

  describe('layout of a journey made through the API', () => {
    it('leaves a drawn journey as it is', () => {
      const d = draftOf([{ id: 'a', type: 'end', position: at(5, 5) }]);
      expect(withLayout(d)).toBe(d);
    });

    it('puts a chain straight down from the start', () => {
      const d = withLayout(
        draftOf(
          [
            { id: 'w', type: 'webhook', next: 'p' },
            { id: 'p', type: 'wait', next: 'e' },
            { id: 'e', type: 'end' },
          ],
          'w',
        ),
      );
      expect(positions(d)).toEqual({ w: at(0, LAYER_HEIGHT), p: at(0, 2 * LAYER_HEIGHT), e: at(0, 3 * LAYER_HEIGHT) });
    });

    it('puts a condition’s 是 half a column left and its 否 half a column right', () => {
      const d = withLayout(
        draftOf([
          { id: 'c', type: 'condition', then: 'yes', else: 'no' },
          { id: 'yes', type: 'end' },
          { id: 'no', type: 'end' },
        ]),
      );
      expect(positions(d)).toEqual({ c: at(0, LAYER_HEIGHT), yes: at(-COLUMN_WIDTH / 2, 2 * LAYER_HEIGHT), no: at(COLUMN_WIDTH / 2, 2 * LAYER_HEIGHT) });
    });

    it("spreads a split's branches a column apart, in their order", () => {
      const d = withLayout(
        draftOf([
          {
            id: 's',
            type: 'split',
            branches: [
              { label: '对照组', percent: 10, next: 'a' },
              { label: '方案A', percent: 45, next: 'b' },
              { label: '方案B', percent: 45, next: 'c' },
            ],
          } as JourneyNode,
          { id: 'a', type: 'end' },
          { id: 'b', type: 'end' },
          { id: 'c', type: 'end' },
        ]),
      );
      const row = 2 * LAYER_HEIGHT;
      expect(positions(d)).toEqual({ s: at(0, LAYER_HEIGHT), a: at(-COLUMN_WIDTH, row), b: at(0, row), c: at(COLUMN_WIDTH, row) });
    });

    it('places a node below everything leading to it (longest path), ignoring links that loop back', () => {
      const d = withLayout(
        draftOf([
          { id: 'c', type: 'condition', then: 'w', else: 'e' },
          { id: 'w', type: 'wait', next: 'e' },
          { id: 'e', type: 'update_customer', next: 'c' },
        ]),
      );
      const y = (id: string) => d.nodes.find((n) => n.id === id)!.position!.y;
      expect([y('c'), y('w'), y('e')]).toEqual([1, 2, 3].map((l) => l * LAYER_HEIGHT));
    });

    it('puts nodes the start does not reach below, side by side', () => {
      const d = withLayout(
        draftOf(
          [
            { id: 's', type: 'end' },
            { id: 'x', type: 'wait' },
            { id: 'y', type: 'wait' },
          ],
          's',
        ),
      );
      expect(positions(d)).toEqual({ s: at(0, LAYER_HEIGHT), x: at(0, 2 * LAYER_HEIGHT), y: at(COLUMN_WIDTH, 2 * LAYER_HEIGHT) });
    });

    it('keeps the positions a journey has and fills in the missing ones', () => {
      const d = withLayout(
        draftOf(
          [
            { id: 's', type: 'wait', next: 'e', position: at(300, 60) },
            { id: 'e', type: 'end' },
          ],
          's',
        ),
      );
      expect(positions(d).s).toEqual(at(300, 60));
      expect(positions(d).e).toBeDefined();
    });
  });

  it('puts the trigger box a layer above the start, or above the topmost node', () => {
    const nodes: JourneyNode[] = [
      { id: 'a', type: 'wait', position: at(10, 500) },
      { id: 'b', type: 'wait', position: at(70, 200) },
    ];
    expect(triggerPosition(draftOf(nodes, 'a'))).toEqual(at(10, 500 - LAYER_HEIGHT));
    expect(triggerPosition(draftOf(nodes, ''))).toEqual(at(70, 200 - LAYER_HEIGHT));
    expect(triggerPosition(draftOf([], ''))).toEqual(at(0, 0));
  });

  it('changes one node and leaves the others as they are', () => {
    const other: JourneyNode = { id: 'b', type: 'end' };
    const d = updateNode(draftOf([{ id: 'a', type: 'wait', seconds: 60 }, other]), 'a', (n) => ({ ...n, seconds: 120 }));
    expect(d.nodes[0]).toEqual({ id: 'a', type: 'wait', seconds: 120 });
    expect(d.nodes[1]).toBe(other);
  });

  describe('links', () => {
    const base = draftOf([
      { id: 'c', type: 'condition', then: 'a' },
      { id: 'a', type: 'end' },
      { id: 'b', type: 'end' },
    ]);

    it('links a handle to a node, moving an existing link', () => {
      expect(setLink(base, 'c', 'else', 'b').nodes[0]).toMatchObject({ then: 'a', else: 'b' });
      expect(setLink(base, 'c', 'then', 'b').nodes[0]).toMatchObject({ then: 'b' });
    });

    it('unlinks a handle by leaving the key out', () => {
      expect(setLink(base, 'c', 'then', undefined).nodes[0]).toEqual({ id: 'c', type: 'condition' });
    });

    it("a split's handles are its branches: linking, unlinking, removing and renaming follow them", () => {
      const ab = draftOf([
        {
          id: 's',
          type: 'split',
          branches: [
            { label: 'A', percent: 50, next: 'a' },
            { label: 'B', percent: 50 },
          ],
        } as JourneyNode,
        { id: 'a', type: 'end' },
        { id: 'b', type: 'end' },
      ]);
      const linked = setLink(ab, 's', 'b1', 'b');
      expect(linked.nodes[0].branches?.map((x) => x.next)).toEqual(['a', 'b']);
      expect(removeNode(linked, 'a').nodes[0].branches?.map((x) => x.next)).toEqual([undefined, 'b']);
      expect(renameNode(linked, 'b', 'end_b').nodes[0].branches?.map((x) => x.next)).toEqual(['a', 'end_b']);
    });

    it('the trigger’s handle is the start', () => {
      expect(setLink(base, TRIGGER_ID, 'start', 'b').start).toBe('b');
      expect(setLink(base, TRIGGER_ID, 'start', undefined).start).toBe('');
      expect(setLink(base, TRIGGER_ID, 'start', 'b').nodes).toBe(base.nodes);
    });
  });

  describe('removing a node', () => {
    it('removes every link to it and the start when it was the start', () => {
      const d = removeNode(
        draftOf(
          [
            { id: 'w', type: 'webhook', next: 'c' },
            { id: 'c', type: 'condition', then: 'w', else: 'e' },
            { id: 'e', type: 'end' },
          ],
          'c',
        ),
        'c',
      );
      expect(d.nodes).toEqual([
        { id: 'w', type: 'webhook' },
        { id: 'e', type: 'end' },
      ]);
      expect(d.start).toBe('');
    });

    it('keeps the start and the links to other nodes', () => {
      const d = removeNode(
        draftOf([
          { id: 'c', type: 'condition', then: 'a', else: 'b' },
          { id: 'a', type: 'end' },
          { id: 'b', type: 'end' },
        ]),
        'b',
      );
      expect(d.nodes[0]).toEqual({ id: 'c', type: 'condition', then: 'a' });
      expect(d.start).toBe('c');
    });
  });

  describe('renaming a node', () => {
    const d = draftOf(
      [
        { id: 'crm', type: 'webhook', next: 'check' },
        {
          id: 'check',
          type: 'condition',
          then: 'crm',
          else: 'done',
          rule: {
            or: [
              { field: 'nodes.crm.response.status', op: '=', value: 200 },
              { and: [{ field: 'nodes.crm.outcome', op: '=', value: 'succeeded' }] },
              { field: 'nodes.crm_2.outcome', op: '=', value: 'failed' },
            ],
          },
        },
        { id: 'done', type: 'end' },
      ],
      'crm',
    );

    it('says why an id cannot be used', () => {
      expect(idProblem(d, 'crm', 'crm')).toBeNull();
      expect(idProblem(d, 'crm', 'crm_main')).toBeNull();
      expect(idProblem(d, 'crm', 'done')).toBe('taken');
      for (const bad of ['', '1st', 'has-dash', 'has space', 'x'.repeat(65)]) expect(idProblem(d, 'crm', bad)).toBe('format');
      expect(idProblem(d, 'crm', `_${'x'.repeat(63)}`)).toBeNull();
    });

    it('renames its links, the start and the conditions reading its outcome', () => {
      const r = renameNode(d, 'crm', 'crm_main');
      expect(r.start).toBe('crm_main');
      expect(r.nodes.map((n) => n.id)).toEqual(['crm_main', 'check', 'done']);
      expect(r.nodes[1]).toMatchObject({ then: 'crm_main', else: 'done' });
      expect(r.nodes[1].rule).toEqual({
        or: [
          { field: 'nodes.crm_main.response.status', op: '=', value: 200 },
          { and: [{ field: 'nodes.crm_main.outcome', op: '=', value: 'succeeded' }] },
          { field: 'nodes.crm_2.outcome', op: '=', value: 'failed' },
        ],
      });
    });

    it('leaves everything else as it was', () => {
      const r = renameNode(d, 'done', 'finish');
      expect(r.start).toBe('crm');
      expect(r.nodes[1].rule).toEqual(d.nodes[1].rule);
      expect(r.nodes[1].else).toBe('finish');
      expect(d.nodes[1].else).toBe('done');
    });
  });

  it('sends the definition without empty labels', () => {
    const d = draftOf([
      { id: 'a', type: 'wait', seconds: 5, label: '', position: at(1, 2) },
      { id: 'b', type: 'end', label: '完' },
    ]);
    expect(toPayload({ ...d, name: 'n', reentry: 'always' })).toEqual({
      name: 'n',
      reentry: 'always',
      trigger: { type: 'group_entry' },
      start: 'a',
      nodes: [
        { id: 'a', type: 'wait', seconds: 5, position: at(1, 2) },
        { id: 'b', type: 'end', label: '完' },
      ],
    });
  });

  it('sorts the API’s problems to their node (by id and path inside it), the trigger box, or the journey', () => {
    const nodes: JourneyNode[] = [
      { id: 'w', type: 'webhook' },
      { id: 'c', type: 'condition' },
    ];
    const s = sortErrors(
      {
        'nodes[0].webhookId': ['required'],
        'nodes[1]': ['unreachable'],
        'nodes[1].rule.and[0].field': ['unknown field'],
        'trigger.groupId': ['no group'],
        start: ['no start'],
        name: ['too long'],
        'nodes[7].next': ['gone'],
      },
      nodes,
    );
    expect(s.byNode.get('w')).toEqual(['required']);
    expect(s.byNode.get('c')).toEqual(['unreachable', 'unknown field']);
    expect(s.byNode.get(TRIGGER_ID)).toEqual(['no group', 'no start']);
    expect(s.byNodePath.get('w')).toEqual({ webhookId: ['required'] });
    expect(s.byNodePath.get('c')).toEqual({ '.': ['unreachable'], 'rule.and[0].field': ['unknown field'] });
    expect(s.general).toEqual([
      { path: 'webhookId', message: 'required', nodeId: 'w' },
      { path: '', message: 'unreachable', nodeId: 'c' },
      { path: 'rule.and[0].field', message: 'unknown field', nodeId: 'c' },
      { path: 'trigger.groupId', message: 'no group', nodeId: TRIGGER_ID },
      { path: 'start', message: 'no start', nodeId: TRIGGER_ID },
      { path: 'name', message: 'too long' },
      { path: 'nodes[7].next', message: 'gone' },
    ]);
  });
});

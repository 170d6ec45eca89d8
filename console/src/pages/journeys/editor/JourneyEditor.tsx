import { DeleteOutlined, ExperimentOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { App, Button, Card, Col, Flex, Grid, Row, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useT, type MessageKey } from '../../../i18n';
import { asBody, client, data, type FieldProblem } from '../../../lib/api';
import { errorText } from '../../../lib/errors';
import { problemsByPath, problemsOf } from '../../../lib/form-errors';
import type { Journey, JourneyNode, NodeType, RunDetail, Schemas } from '../../../lib/models';
import { showSaved } from '../../../lib/saved';
import { namesOf, useForms, useGroups, useInboundTriggers, useWebhooks } from '../../../lib/useLookups';
import { CheckList } from './CheckList';
import {
  emptyDraft,
  newNode,
  nextFreePosition,
  removeNode,
  renameNode,
  setLink,
  sortErrors,
  toPayload,
  TRIGGER_ID,
  updateNode,
  withLayout,
  type Draft,
} from './definition';
import { JourneyCanvas, type Selection } from './JourneyCanvas';
import { JourneySettings } from './JourneySettings';
import { NodePalette } from './NodePalette';
import { NodePanel } from './NodePanel';
import { NODES } from './nodes';
import { TestRunModal } from './TestRunModal';
import { TestRunBanner, TestRunPanel } from './TestRunPanel';
import { traceOf } from './trace';
import { useJourneyCheck } from './useJourneyCheck';
import { useNodeCounts } from './useNodeCounts';
import { useCan } from '../../../lib/permissions';
import { WriteScope } from '../../../components/Permitted';

function fromJourney(j: Journey): Draft {
  return withLayout({ name: j.name, reentry: j.reentry, trigger: j.trigger, start: j.start, nodes: j.nodes });
}

/** One empty list for every render, so the memos below do not recompute while the lookups load. */
const NONE: never[] = [];

interface Props {
  journey?: Journey;
  onDirtyChange?: (dirty: boolean) => void;
}

/** 流程设计: palette, canvas, the selected thing's panel, the live check, save. */
export default function JourneyEditor({ journey, onDirtyChange }: Props) {
  const { t, lang } = useT();
  const mayWrite = useCan()('journeys:write');
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const phone = !Grid.useBreakpoint().lg;
  // What the editor opened with; later answers of the journey's query do not replace the draft being edited.
  const [initial] = useState(() => (journey ? fromJourney(journey) : emptyDraft(t('journeys.untitled'))));
  const [draft, setDraftState] = useState<Draft>(initial);
  const [baseline, setBaseline] = useState(() => JSON.stringify(toPayload(initial)));
  const [selection, setSelection] = useState<Selection>(null);
  const [saveProblems, setSaveProblems] = useState<FieldProblem[] | null>(null);
  // A journey just made shows no problems until the marketer edits it or saves: it would open in red.
  const [touched, setTouched] = useState(!!journey);
  const [fitSignal, setFitSignal] = useState(0);
  // 测试运行: the run drawn on the canvas (read-only while it is), and the picker's dialog.
  const [testRun, setTestRun] = useState<RunDetail | null>(null);
  const [testOpen, setTestOpen] = useState(false);
  const trace = useMemo(() => (testRun ? traceOf(testRun) : undefined), [testRun]);
  const counts = useNodeCounts(journey);
  const check = useJourneyCheck(draft);
  const webhooks = useWebhooks().data?.items ?? NONE;
  const groups = useGroups().data?.items ?? NONE;
  const forms = useForms().data?.items ?? NONE;
  const inbound = useInboundTriggers().data?.items ?? NONE;

  const dirty = JSON.stringify(toPayload(draft)) !== baseline;
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  // An edit makes the last save's problems stale: the live check speaks again.
  const setDraft = useCallback((next: Draft) => {
    setDraftState(next);
    setSaveProblems(null);
    setTouched(true);
  }, []);

  const problems = saveProblems ?? (touched ? check.problems : NONE);
  const errors = useMemo(() => problemsByPath(problems, lang), [problems, lang]);
  const sorted = useMemo(() => sortErrors(errors, draft.nodes), [errors, draft.nodes]);
  const names = useMemo(() => ({ webhooks: namesOf({ items: webhooks }), groups: namesOf({ items: groups }) }), [webhooks, groups]);
  const describe = useCallback((n: JourneyNode) => NODES[n.type].describe(t, n, names), [t, names]);
  const triggerSummary = useMemo(() => {
    const tr = draft.trigger;
    const param =
      tr.type === 'group_entry'
        ? groups.find((g) => g.id === tr.groupId)?.name
        : tr.type === 'form_submitted'
          ? forms.find((f) => f.id === tr.formId)?.name
          : tr.type === 'inbound'
            ? inbound.find((i) => i.id === tr.inboundTriggerId)?.name
            : tr.type === 'event'
              ? tr.event
              : tr.type === 'attribute_threshold'
                ? `${tr.field} ${tr.op} ${JSON.stringify(tr.value)}`
                : undefined;
    return [t(`journey.trigger.${tr.type}` as MessageKey), param].filter(Boolean).join(' · ');
  }, [draft.trigger, groups, forms, inbound, t]);

  const add = (type: NodeType) => {
    const node = newNode(type, draft.nodes, nextFreePosition(draft.nodes));
    // The first node is the start unless one is chosen.
    setDraft({ ...draft, nodes: [...draft.nodes, node], start: draft.start || node.id });
    setSelection({ kind: 'node', id: node.id });
    setFitSignal((n) => n + 1);
  };

  const save = useMutation({
    mutationFn: () =>
      data(
        journey
          ? client.PATCH('/api/journeys/{id}', { params: { path: { id: journey.id } }, body: asBody<Schemas['UpdateJourneyDto']>(toPayload(draft)) })
          : client.POST('/api/journeys', { body: asBody<Schemas['CreateJourneyDto']>(toPayload(draft)) }),
      ),
    onSuccess: async (j) => {
      await showSaved(queryClient, ['journey', j.id], j);
      const saved = fromJourney(j);
      setDraftState(saved);
      setBaseline(JSON.stringify(toPayload(saved)));
      queryClient.invalidateQueries({ queryKey: ['journeys'] });
      message.success(journey && journey.status !== 'draft' ? t('journey.savedVersion', { v: j.version }) : t('common.saved'));
      if (!journey) navigate(`/journeys/${j.id}`, { replace: true });
    },
    onError: (e) => {
      const refused = problemsOf(e);
      setTouched(true);
      if (refused.length) setSaveProblems(refused);
      message.error(refused.length ? t('journey.saveRefused') : errorText(e, lang));
    },
  });
  const onSave = () => {
    if (journey && (journey.status === 'active' || journey.status === 'paused')) {
      modal.confirm({
        title: t('journey.newVersionTitle', { v: journey.version + 1 }),
        content: t('journey.newVersionBody'),
        onOk: () => save.mutateAsync().catch(() => undefined),
      });
    } else {
      save.mutate();
    }
  };

  const selectedNode = selection?.kind === 'node' ? draft.nodes.find((n) => n.id === selection.id) : undefined;
  let panel: React.ReactNode;
  if (testRun && trace) {
    panel = <TestRunPanel run={testRun} trace={trace} node={selectedNode} onPick={(id) => setSelection({ kind: 'node', id })} />;
  } else if (selectedNode) {
    panel = (
      <NodePanel
        key={selectedNode.id}
        draft={draft}
        node={selectedNode}
        errors={sorted.byNodePath.get(selectedNode.id) ?? {}}
        onChange={(n) => setDraft(updateNode(draft, selectedNode.id, () => n))}
        onRename={(id) => {
          setDraft(renameNode(draft, selectedNode.id, id));
          setSelection({ kind: 'node', id });
        }}
        onMakeStart={() => setDraft({ ...draft, start: selectedNode.id })}
        onDelete={() => {
          setDraft(removeNode(draft, selectedNode.id));
          setSelection(null);
        }}
        webhooks={webhooks}
        groups={groups}
      />
    );
  } else if (selection?.kind === 'edge') {
    const [source, handle] = [selection.id.slice(0, selection.id.lastIndexOf(':')), selection.id.slice(selection.id.lastIndexOf(':') + 1)];
    panel = (
      <Flex vertical gap={12} data-testid="edge-panel">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('journey.edge')}
        </Typography.Title>
        <Typography.Text>
          {source === TRIGGER_ID ? t('journey.triggerBox') : source} <Tag>{t(`journey.edge.${handle}` as MessageKey)}</Tag>
        </Typography.Text>
        <Button
          danger
          icon={<DeleteOutlined />}
          data-testid="delete-edge"
          onClick={() => {
            setDraft(setLink(draft, source, handle as 'next', undefined));
            setSelection(null);
          }}
        >
          {t('journey.deleteEdge')}
        </Button>
      </Flex>
    );
  } else {
    panel = <JourneySettings draft={draft} onChange={setDraft} errors={errors} groups={groups} forms={forms} inbound={inbound} />;
  }

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        {testRun || !mayWrite ? <span /> : <NodePalette onAdd={add} />}
        <Flex gap={8} align="center" wrap>
          {dirty ? (
            <Tag color="orange" style={{ color: '#ad4e00' }} data-testid="unsaved">
              {t('journey.unsaved')}
            </Tag>
          ) : null}
          {journey && journey.status !== 'archived' && mayWrite ? (
            <Button icon={<ExperimentOutlined />} onClick={() => setTestOpen(true)} data-testid="test-run-button">
              {t('journeyTest.button')}
            </Button>
          ) : null}
          {mayWrite ? (
            <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={onSave} disabled={!!journey && !dirty} data-testid="save-journey">
              {t('common.save')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      {testRun ? (
        <TestRunBanner
          run={testRun}
          onAgain={() => setTestOpen(true)}
          onExit={() => {
            setTestRun(null);
            setSelection(null);
          }}
        />
      ) : counts ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="node-counts-hint">
          {t('nodeCounts.live')}
        </Typography.Text>
      ) : null}
      {journey ? (
        <TestRunModal
          journey={journey}
          open={testOpen}
          dirty={dirty}
          onClose={() => setTestOpen(false)}
          onDone={(run) => {
            setTestRun(run);
            setSelection(null);
          }}
        />
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <ReactFlowProvider>
            <JourneyCanvas
              draft={draft}
              onChange={testRun || !mayWrite ? () => undefined : setDraft}
              readOnly={!mayWrite}
              selection={selection?.kind === 'node' && selection.id === TRIGGER_ID ? null : selection}
              onSelect={(s) => setSelection(s?.kind === 'node' && s.id === TRIGGER_ID ? null : s)}
              errorsByNode={sorted.byNode}
              describe={describe}
              triggerSummary={triggerSummary}
              height={phone ? 420 : 600}
              fitSignal={fitSignal}
              counts={counts}
              trace={trace}
            />
          </ReactFlowProvider>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" styles={{ body: { maxHeight: phone ? undefined : 600, overflowY: 'auto' } }}>
            <WriteScope perm="journeys:write">{panel}</WriteScope>
          </Card>
        </Col>
      </Row>
      <CheckList
        items={sorted.general}
        checking={check.checking}
        checked={check.checked || !!saveProblems}
        failure={check.failure}
        untouched={!touched}
        onPick={(id) => setSelection(id === TRIGGER_ID ? null : { kind: 'node', id })}
      />
    </Flex>
  );
}

import { CheckCircleFilled, DeleteOutlined, ExclamationCircleFilled, ForkOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useT } from '../../../../i18n';
import type { JourneyNode } from '../../../../lib/models';
import { fieldStatus, type FieldProps, type LinkSpec, type NodeKind } from './kind';

type Branch = { label: string; percent: number; next?: string };

/** Each branch's colour, on its handle, its edge and its row in the panel; dark enough for text on white. */
export const BRANCH_COLORS = ['#0969da', '#bc4c00', '#8250df', '#1a7f37', '#bf3989'];
const MAX_BRANCHES = 5;
const MIN_BRANCHES = 2;
const LABEL_MAX = 40;

const branchesOf = (node: JourneyNode): Branch[] => (node.branches ?? []) as Branch[];
const withBranches = (node: JourneyNode, branches: Branch[]): JourneyNode => ({ ...node, branches: branches as JourneyNode['branches'] });

/** Whole percents as even as they go, the remainder to the first ones: 3 → 34 / 33 / 33. */
export function evenPercents(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(100 / n) + (i < 100 % n ? 1 : 0));
}

/** The first of A, B, C… no branch is called yet. */
function freeLabel(branches: Branch[]): string {
  const taken = new Set(branches.map((b) => b.label));
  return ['A', 'B', 'C', 'D', 'E', 'F'].find((l) => !taken.has(l)) ?? `#${branches.length + 1}`;
}

/** The branches' rows (name, share, remove), their live total, and add / split evenly. */
function SplitFields({ node, onChange, errors }: FieldProps) {
  const { t } = useT();
  const branches = branchesOf(node);
  const sum = branches.reduce((s, b) => s + (Number.isFinite(b.percent) ? b.percent : 0), 0);
  const change = (i: number, patch: Partial<Branch>) =>
    onChange(
      withBranches(
        node,
        branches.map((b, j) => (j === i ? { ...b, ...patch } : b)),
      ),
    );
  const sumState = sum === 100 ? 'ok' : sum < 100 ? 'low' : 'high';
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('split.hint')}
      </Typography.Paragraph>
      <Flex vertical gap={4} data-testid="split-branches">
        {branches.map((b, i) => {
          const n = i + 1;
          // The row's own problems; a branch not linked yet gets a hint on how to link it (the canvas shows it as a problem).
          const status = fieldStatus(errors, `branches[${i}].label`, `branches[${i}].percent`);
          return (
            <Form.Item key={i} style={{ marginBottom: 4 }} {...status} extra={!b.next && !status.help ? t('split.unlinked') : undefined}>
              <Flex gap={6} align="center" data-testid={`split-branch-${i}`}>
                <span aria-hidden style={{ width: 10, height: 10, borderRadius: 5, background: BRANCH_COLORS[i % BRANCH_COLORS.length], flex: 'none' }} />
                <Input
                  aria-label={t('split.branchLabel', { n })}
                  value={b.label}
                  maxLength={LABEL_MAX}
                  onChange={(e) => change(i, { label: e.target.value })}
                  data-testid={`split-label-${i}`}
                  style={{ flex: 1, minWidth: 0 }}
                />
                <InputNumber
                  aria-label={t('split.branchPercent', { n })}
                  value={b.percent}
                  min={0}
                  max={100}
                  precision={0}
                  suffix="%"
                  onChange={(v) => change(i, { percent: typeof v === 'number' ? v : 0 })}
                  data-testid={`split-percent-${i}`}
                  style={{ width: 84 }}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  disabled={branches.length <= MIN_BRANCHES || undefined}
                  aria-label={t('split.removeBranch', { n })}
                  onClick={() =>
                    onChange(
                      withBranches(
                        node,
                        branches.filter((_, j) => j !== i),
                      ),
                    )
                  }
                  data-testid={`split-remove-${i}`}
                />
              </Flex>
            </Form.Item>
          );
        })}
      </Flex>
      <Flex
        align="center"
        gap={6}
        role="status"
        data-testid="split-sum"
        data-sum={sum}
        style={{ margin: '4px 0 8px', color: sumState === 'ok' ? '#1a7f37' : '#cf222e', fontWeight: 500 }}
      >
        {sumState === 'ok' ? <CheckCircleFilled /> : <ExclamationCircleFilled />}
        {sumState === 'ok' ? t('split.sumOk', { sum }) : t(sumState === 'low' ? 'split.sumLow' : 'split.sumHigh', { sum, gap: Math.abs(100 - sum) })}
      </Flex>
      {fieldStatus(errors, 'branches').help && sumState === 'ok' ? (
        <Typography.Paragraph type="danger" style={{ fontSize: 12 }}>
          {fieldStatus(errors, 'branches').help}
        </Typography.Paragraph>
      ) : null}
      {branches.some((b) => b.percent === 0) ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('split.zeroHint')}
        </Typography.Paragraph>
      ) : null}
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={branches.length >= MAX_BRANCHES || undefined}
          onClick={() => onChange(withBranches(node, [...branches, { label: freeLabel(branches), percent: 0 }]))}
          data-testid="split-add"
        >
          {t('split.addBranch')}
        </Button>
        <Button
          size="small"
          onClick={() =>
            onChange(
              withBranches(
                node,
                branches.map((b, i) => ({ ...b, percent: evenPercents(branches.length)[i] })),
              ),
            )
          }
          data-testid="split-even"
        >
          {t('split.even')}
        </Button>
      </Flex>
    </>
  );
}

const branchIndex = (key: string) => (/^b\d+$/.test(key) ? Number(key.slice(1)) : -1);

/** split: A/B by percentages; one handle per branch, named by the marketer's label and share. */
export const splitNode: NodeKind = {
  label: 'journey.node.split',
  icon: <ForkOutlined />,
  color: '#0a7b83',
  links: [],
  dynamicLinks: {
    of: (node) =>
      branchesOf(node).map((b, i): LinkSpec => ({
        key: `b${i}`,
        color: BRANCH_COLORS[i % BRANCH_COLORS.length],
        text: b.label || `#${i + 1}`,
        percent: b.percent ?? 0,
        count: (c) => c.branches[i] ?? 0,
      })),
    get: (node, key) => branchesOf(node)[branchIndex(key)]?.next ?? undefined,
    set: (node, key, target) => {
      const i = branchIndex(key);
      const branches = branchesOf(node);
      if (!branches[i]) return node;
      return withBranches(
        node,
        branches.map((b, j) => (j !== i ? b : target ? { ...b, next: target } : (({ next: _, ...rest }) => rest)(b))),
      );
    },
  },
  create: () => ({
    branches: [
      { label: 'A', percent: 50 },
      { label: 'B', percent: 50 },
    ] as JourneyNode['branches'],
  }),
  // The branches are named under the node, each over its handle.
  describe: (t, n) => t('split.summary', { n: branchesOf(n).length }),
  Fields: SplitFields,
};

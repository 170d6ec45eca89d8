/** A test run drawn on the canvas: what each node did, and the edges the run took. Pure. */
import type { RunDetail, RunStep } from '../../../lib/models';
import { TRIGGER_ID } from './definition';

export type TraceState = 'passed' | 'waiting' | 'failed';

export interface NodeTrace {
  state: TraceState;
  /** The node's steps in this run, in order (a loop through a wait runs a node more than once). */
  steps: RunStep[];
  /** A condition's branch (the last time it ran). */
  branch?: 'then' | 'else';
}

export interface RunTrace {
  nodes: Map<string, NodeTrace>;
  /** Edge ids as the canvas names them: `<node>:<next|then|else|b0…>`, `@trigger:start`. */
  edges: Set<string>;
}

const FAILED = new Set(['failed', 'error', 'cancelled']);

/** The handle a finished step left by: a condition's branch, a split's b<i>, or next. */
function handleTaken(s: RunStep): string {
  if (s.outcome === 'then' || s.outcome === 'else') return s.outcome;
  const branch = s.detail?.branch;
  return s.type === 'split' && typeof branch === 'number' ? `b${branch}` : 'next';
}

export function traceOf(run: Pick<RunDetail, 'stepLog'>): RunTrace {
  const nodes = new Map<string, NodeTrace>();
  const edges = new Set<string>();
  const steps = run.stepLog;
  if (steps.length) edges.add(`${TRIGGER_ID}:start`);
  steps.forEach((s, i) => {
    const trace = nodes.get(s.nodeId) ?? { state: 'passed' as TraceState, steps: [] };
    trace.steps.push(s);
    if (FAILED.has(s.outcome)) trace.state = 'failed';
    else if (s.outcome === 'waiting' && trace.state !== 'failed') trace.state = 'waiting';
    if (s.outcome === 'then' || s.outcome === 'else') trace.branch = s.outcome;
    nodes.set(s.nodeId, trace);
    const next = steps[i + 1];
    if (next) edges.add(`${s.nodeId}:${handleTaken(s)}`);
  });
  return { nodes, edges };
}

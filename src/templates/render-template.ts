/**
 * JSON-safe body templates. The template is JSON; only its string leaves are rendered, so the
 * result is always valid JSON whatever the customer's name holds. A leaf that is exactly one
 * variable (`"{{ customer.activityScore }}"`) keeps the variable's type. Other leaves are rendered
 * by LiquidJS (filters, conditionals) as strings. DCE 5.0's `{{$$.Name$$}}` is accepted too.
 * Pure: no Nest or database imports.
 */
import { Context, Liquid, Template, toValueSync } from 'liquidjs';
import { DEFAULT_RENDER_LIMITS, LimitKind, RenderBudget, RenderLimitError, RenderLimits } from './render-budget';
import type { ErrorParams, FieldProblem } from '../common/api-error';
import type { FieldCode } from '../common/error-codes';
import { DCE_VARIABLES, unknownVariable } from './template-variables';

/** Longest template text LiquidJS parses in one leaf (its parseLimit); the whole template is capped by the API. */
export const MAX_TEMPLATE_LEAF_CHARS = 64 * 1024;

// strictFilters: an unknown filter is a save-time error. Variables are checked against our
// namespaces instead of strictVariables, so a customer without an email renders "" at send time.
// One engine for every message: render-time and memory limits come per message (RenderBudget).
const engine = new Liquid({ strictFilters: true, strictVariables: false, ownPropertyOnly: true, parseLimit: MAX_TEMPLATE_LEAF_CHARS });

const DCE_PATTERN = /\{\{\s*\$\$\.([A-Za-z]+)\$\$\s*\}\}/g;
const SINGLE_VARIABLE = /^\{\{\s*([A-Za-z_]\w*(?:\.[A-Za-z_][\w-]*|\[\d+\])*)\s*\}\}$/;
const MAX_DEPTH = 32;

export { DEFAULT_RENDER_LIMITS } from './render-budget';
export type { RenderLimits } from './render-budget';

/** The field code of each render limit (its `params.max` is the limit). */
const LIMIT_CODES: Record<LimitKind, FieldCode> = { time: 'render_time', memory: 'render_memory', output: 'render_output' };

/**
 * A template that cannot be compiled or rendered: `path` names the leaf, `code` + `params` say why
 * (so a client words it in its own language), the message says it in English.
 */
export class TemplateError extends Error {
  /** `limit`: which render limit it went past, if that is why. */
  constructor(
    readonly path: string,
    message: string,
    readonly code: FieldCode,
    readonly params?: ErrorParams,
    readonly limit?: LimitKind,
  ) {
    super(`${path}: ${message}`);
  }

  /** As a field problem of a 400 answer. */
  toProblem(): FieldProblem {
    return { path: this.path, code: this.code, ...(this.params ? { params: this.params } : {}), message: this.message };
  }
}

/** The first line of an error's message (LiquidJS adds the template excerpt below it). */
const firstLine = (error: unknown) => (error as Error).message.split('\n')[0];

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'variable'; segments: string[] }
  | { kind: 'liquid'; template: Template[]; path: string }
  | { kind: 'array'; items: Node[] }
  | { kind: 'object'; entries: [string, Node][] };

export interface CompiledTemplate {
  root: Node;
  /** The namespaces it reads (`customer`, `unsubscribe_url`…): a value costly to make is made only when read. */
  roots?: ReadonlySet<string>;
}

function translateDce(text: string, path: string): string {
  return text.replace(DCE_PATTERN, (_, name: string) => {
    const mapped = DCE_VARIABLES[name];
    if (!mapped) {
      const known = Object.keys(DCE_VARIABLES);
      throw new TemplateError(path, `unknown DCE variable $$.${name}$$ (known: ${known.join(', ')})`, 'unknown_dce_variable', { name, known });
    }
    return `{{ ${mapped} }}`;
  });
}

function splitPath(expr: string): string[] {
  return expr.replace(/\[(\d+)\]/g, '.$1').split('.');
}

type Segments = ReturnType<Liquid['globalVariableSegmentsSync']>[number];

/** A dynamic index (`a[b.c]`) is a variable of its own: check it, and the path up to it. */
function checkSegments(segments: Segments, path: string, roots: Set<string>): void {
  const cut = segments.findIndex((s) => Array.isArray(s));
  const head = (cut < 0 ? segments : segments.slice(0, cut)) as (string | number)[];
  checkVariable(head, path, roots);
  if (cut >= 0) checkSegments(segments[cut] as Segments, path, roots);
}

function checkVariable(segments: (string | number)[], path: string, roots: Set<string>): void {
  const unknown = unknownVariable(segments);
  if (unknown) throw new TemplateError(path, unknown.message, unknown.code, unknown.params);
  roots.add(String(segments[0]));
}

function compileString(raw: string, path: string, roots: Set<string>): Node {
  const text = translateDce(raw, path);
  const single = SINGLE_VARIABLE.exec(text);
  if (single) {
    const segments = splitPath(single[1]);
    checkVariable(segments, path, roots);
    return { kind: 'variable', segments };
  }
  if (!text.includes('{{') && !text.includes('{%')) return { kind: 'literal', value: text };
  let template: Template[];
  try {
    template = engine.parse(text);
    for (const segments of engine.globalVariableSegmentsSync(template)) checkSegments(segments, path, roots);
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    throw new TemplateError(path, `invalid template: ${firstLine(error)}`, 'template_syntax', { error: firstLine(error) });
  }
  return { kind: 'liquid', template, path };
}

function compileNode(value: unknown, path: string, depth: number, roots: Set<string>): Node {
  if (depth > MAX_DEPTH) throw new TemplateError(path, `nests deeper than ${MAX_DEPTH} levels`, 'too_deep', { max: MAX_DEPTH });
  if (typeof value === 'string') return compileString(value, path, roots);
  if (Array.isArray(value)) return { kind: 'array', items: value.map((v, i) => compileNode(v, `${path}[${i}]`, depth + 1, roots)) };
  if (value !== null && typeof value === 'object') {
    return { kind: 'object', entries: Object.entries(value).map(([k, v]) => [k, compileNode(v, `${path}.${k}`, depth + 1, roots)]) };
  }
  return { kind: 'literal', value };
}

/** Parses and checks a template (a JSON value, or JSON text). Throws TemplateError naming the bad part. */
export function compileTemplate(template: unknown, path = 'bodyTemplate'): CompiledTemplate {
  let value = template;
  if (typeof template === 'string') {
    try {
      value = JSON.parse(template);
    } catch (error) {
      throw new TemplateError(path, `is not valid JSON: ${(error as Error).message}`, 'json_text', { error: (error as Error).message });
    }
  }
  if (value === null || typeof value !== 'object') throw new TemplateError(path, 'must be a JSON object or array', 'object_or_array');
  const roots = new Set<string>();
  return { root: compileNode(value, path, 0, roots), roots };
}

function lookup(context: Record<string, unknown>, segments: string[]): unknown {
  let current: unknown = context;
  for (const key of segments) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return current === undefined ? null : current;
}

/** One Liquid leaf, charged to the message's budget; any failure names the leaf. */
function renderLiquid(node: Extract<Node, { kind: 'liquid' }>, context: Record<string, unknown>, budget: RenderBudget): string {
  // A fresh Context per leaf (as renderSync makes), so an {% assign %} in one leaf stays there,
  // but the limiters are the message's: the time and memory limits hold for the whole body.
  // Our limiters quack like LiquidJS's Limiter (use/check), whose private fields TypeScript cannot match.
  const limiters = { ...budget.limiters, liquid: engine } as unknown as ConstructorParameters<typeof Context>[3];
  const ctx = new Context(context, engine.options, { sync: true }, limiters);
  const emitter = budget.emitter();
  try {
    toValueSync(engine.renderer.renderTemplates(node.template, ctx, emitter));
  } catch (error) {
    const cause = (error as { originalError?: unknown }).originalError ?? error;
    if (cause instanceof RenderLimitError) throw new TemplateError(node.path, cause.message, LIMIT_CODES[cause.kind], { max: cause.max }, cause.kind);
    throw new TemplateError(node.path, `cannot be rendered: ${firstLine(error)}`, 'render_failed', { error: firstLine(error) });
  }
  return emitter.buffer;
}

function renderNode(node: Node, context: Record<string, unknown>, budget: RenderBudget): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'variable':
      return lookup(context, node.segments);
    case 'liquid':
      return renderLiquid(node, context, budget);
    case 'array':
      return node.items.map((n) => renderNode(n, context, budget));
    case 'object':
      return Object.fromEntries(node.entries.map(([k, n]) => [k, renderNode(n, context, budget)]));
  }
}

/**
 * Renders to a JSON value; serialize it with JSON.stringify. Context values should be JSON (dates
 * as ISO strings). The limits hold for the whole message; past one, a TemplateError names the leaf.
 */
export function renderTemplate(compiled: CompiledTemplate, context: Record<string, unknown>, limits: RenderLimits = DEFAULT_RENDER_LIMITS): unknown {
  try {
    return renderNode(compiled.root, context, new RenderBudget(limits));
  } catch (error) {
    // Wall time also counts pauses that are not the template's (a GC, a busy machine): a message
    // fails for time only if it is slow twice in a row. A template that really is slow costs 2x the limit.
    if (error instanceof TemplateError && error.limit === 'time') return renderNode(compiled.root, context, new RenderBudget(limits));
    throw error;
  }
}

/**
 * A webhook's success rule: when a 2xx answer is really a success. DMS answers
 * `{"success": false, "root": "..."}` for a failure and chat robots answer HTTP 200 with
 * `{"errcode": 93000, "errmsg": ...}` (WeCom, DingTalk) or `{"code": 19021, "msg": ...}` (Feishu), so
 * the status alone would count their "no" as delivered. Written in the group-rule language, over
 * `response.status`, `response.headers.<name>` and `response.body.<path>` (the body parsed as JSON).
 * Pure: no Nest, no database.
 */
import type { FieldProblem } from '../common/api-error';
import { evaluateRule, readPath, type FieldValue } from '../groups/rule-eval';
import { validateRule, type FieldKind, type Rule } from '../groups/segment-rule';

export const SUCCESS_RULE_FIELD_HINT = 'response.status, response.headers.<name> or response.body.<path>';

const SEGMENT = '[A-Za-z0-9_-]{1,64}';
const BODY_PATH = new RegExp(`^response\\.body(\\.${SEGMENT}){1,8}$`);
const HEADER = /^response\.headers\.[A-Za-z0-9-]{1,100}$/;

/** Which fields a success rule may read. */
export function responseFieldKind(field: unknown): FieldKind | undefined {
  if (field === 'response.status') return 'number';
  if (typeof field !== 'string') return undefined;
  if (HEADER.test(field)) return 'string';
  return BODY_PATH.test(field) ? 'attribute' : undefined;
}

/** The problems of a success rule sent to the API, at `successRule...` paths; none for null (2xx alone). */
export function successRuleProblems(rule: unknown): FieldProblem[] {
  if (rule === null || rule === undefined) return [];
  return validateRule(rule, 'successRule', responseFieldKind, SUCCESS_RULE_FIELD_HINT);
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

export type Judgement = { accepted: true } | { accepted: false; reason: string };

/** Parsed once per answer; a body that is not JSON (or was cut at the response cap) reads as missing. */
function parseBody(body: string | undefined): unknown {
  if (!body) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Where receivers put their error text: WeCom/DingTalk errmsg, Feishu msg, DMS root, and the usual others. */
const MESSAGE_KEYS = ['errmsg', 'msg', 'message', 'root', 'error_description', 'errorMessage', 'error'];

/** The receiver's own words for why it said no, if its body has them. */
export function receiverMessage(parsed: unknown): string | undefined {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const body = parsed as Record<string, unknown>;
  for (const key of MESSAGE_KEYS) {
    const v = body[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (v && typeof v === 'object' && typeof (v as Record<string, unknown>).message === 'string') return String((v as Record<string, unknown>).message);
  }
  return undefined;
}

/** Whether a 2xx answer meets the rule; when not, the reason names the receiver's message (or that the rule failed). */
export function judgeAnswer(rule: Rule, answer: Answer): Judgement {
  const parsed = parseBody(answer.body);
  const headers = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const read = (field: string): FieldValue => {
    if (field === 'response.status') return { kind: 'number', value: answer.status };
    if (field.startsWith('response.headers.')) return { kind: 'string', value: headers[field.slice('response.headers.'.length).toLowerCase()] };
    return { kind: 'attribute', value: readPath(parsed, field.split('.').slice(2)) };
  };
  if (evaluateRule(rule, read)) return { accepted: true };
  const said = receiverMessage(parsed);
  const code = readCode(parsed);
  const reason = said
    ? `${code !== undefined ? `${code}: ` : ''}${said}`
    : parsed === undefined && answer.body
      ? 'the answer is not JSON'
      : 'the answer does not meet the success rule';
  // The class (rejected) says who said no; the message is the receiver's own, as it wrote it.
  return { accepted: false, reason: reason.slice(0, 500) };
}

/** The receiver's error code beside its message (errcode, code), so "93000: invalid webhook url" reads whole. */
function readCode(parsed: unknown): string | number | undefined {
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const body = parsed as Record<string, unknown>;
  for (const key of ['errcode', 'code']) if (typeof body[key] === 'number' || typeof body[key] === 'string') return body[key] as string | number;
  return undefined;
}

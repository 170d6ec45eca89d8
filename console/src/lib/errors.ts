import { useCallback } from 'react';
import { useT, type Lang } from '../i18n';
import { enErrors, enErrorWords, enFieldProblems } from '../i18n/en-errors';
import { zhErrors, zhErrorWords, zhFieldProblems } from '../i18n/zh-errors';
import { enTeam } from '../i18n/en-team';
import { zhTeam } from '../i18n/zh-team';
import { ApiError, codeForStatus, type ErrorCode, type FieldProblem, type FieldProblemCode } from './api';

const ERRORS: Record<Lang, Record<ErrorCode, string>> = { zh: zhErrors, en: enErrors };
const PROBLEMS: Record<Lang, Record<FieldProblemCode, string>> = { zh: zhFieldProblems, en: enFieldProblems };
const WORDS = { zh: zhErrorWords, en: enErrorWords };
const RESOURCES: Record<Lang, Record<string, string>> = { zh: zhTeam, en: enTeam };

type Params = Record<string, unknown> | undefined;

/** `{max}` → params.max; a list is joined, a missing value leaves the placeholder out. */
export function fill(text: string, params: Params, lang: Lang): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = params?.[key];
    if (v === undefined || v === null) return '';
    return Array.isArray(v) ? v.map(String).join(WORDS[lang].listSeparator) : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

/**
 * The permission a 403 names, in words: `users:write` → 「修改控制台用户」; `owner` and the contact grant have their
 * own. One the console does not know (a newer server) stays as named.
 */
export function permissionText(permission: unknown, lang: Lang): string {
  const words = WORDS[lang] as Record<string, string>;
  const name = String(permission ?? '');
  if (words[`permission.${name}`]) return words[`permission.${name}`];
  const [resource, action] = name.split(':');
  const noun = RESOURCES[lang][`resource.${resource}`];
  const verb = words[`permission.${action}`];
  if (!noun || !verb) return name;
  // 中文 meets a Latin word with a space (「查看 Webhook」); English lowercases a noun mid-sentence, not an acronym.
  const inline = lang === 'zh' ? (/^[A-Za-z]/.test(noun) ? ` ${noun}` : noun) : /^.[a-z]/.test(noun) ? noun[0].toLowerCase() + noun.slice(1) : noun;
  return fill(words.permission, { action: verb, resource: inline }, lang);
}

/**
 * An answer's code in the console's words. A code this console does not know (a newer server) falls
 * back to what its status means: the API's English `message` is never shown.
 */
export function codeText(code: string, status: number, params: Params, lang: Lang): string {
  const dict = ERRORS[lang];
  const text = (dict as Record<string, string>)[code] ?? dict[codeForStatus(status)];
  if (code === 'forbidden' && params?.permission !== undefined) params = { ...params, permission: permissionText(params.permission, lang) };
  return fill(text, params, lang);
}

/** One field problem in the console's words (no path: it is shown on the field). */
export function problemText(problem: Pick<FieldProblem, 'code' | 'params'>, lang: Lang): string {
  const dict = PROBLEMS[lang];
  return fill((dict as Record<string, string>)[problem.code] ?? dict.invalid, problem.params, lang);
}

/** A problem that lands on no field, with the path it names. */
export function placedProblemText(problem: Pick<FieldProblem, 'code' | 'params' | 'path'>, lang: Lang): string {
  return fill(WORDS[lang].problemAt, { path: problem.path, text: problemText(problem, lang) }, lang);
}

/** Any failure of a call as one line in the console's language: the answer's code, its problems, or no answer at all. */
export function errorText(error: unknown, lang: Lang): string {
  if (!(error instanceof ApiError)) return WORDS[lang].network;
  const { code, params, problems } = error.body;
  const head = codeText(code, error.status, params, lang);
  if (!problems?.length) return head;
  const list = problems
    .slice(0, 3)
    .map((p) => placedProblemText(p, lang))
    .join('; ');
  return `${head}: ${list}${problems.length > 3 ? ' …' : ''}`;
}

/** errorText in the current language. */
export function useErrorText(): (error: unknown) => string {
  const { lang } = useT();
  return useCallback((error: unknown) => errorText(error, lang), [lang]);
}

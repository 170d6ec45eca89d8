/**
 * The data of an inbound request, from its raw bytes (kept raw for signature checks): JSON,
 * urlencoded and multipart (fields only; file parts are skipped), anything else as text.
 */
import busboy from 'busboy';
import { findJsonProblem } from '../common/json-limits';
import { Readable } from 'stream';

export const MAX_JSON_DEPTH = 32;
const MAX_FIELDS = 1000;

export class BodyError extends Error {}

/** Deepest nesting of a parsed JSON value, counted without recursion (a hostile body cannot blow the stack). */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, depth);
    for (const child of Object.values(v as object)) stack.push([child, depth + 1]);
  }
  return max;
}

function addField(out: Record<string, unknown>, name: string, value: string): void {
  const existing = out[name];
  if (existing === undefined) out[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else out[name] = [existing, value];
}

function multipart(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const out: Record<string, unknown> = Object.create(null);
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { fields: MAX_FIELDS, fieldSize: raw.length } });
    } catch (error) {
      return reject(new BodyError(`multipart body: ${(error as Error).message}`));
    }
    parser.on('field', (name, value) => addField(out, name, value));
    parser.on('file', (_name, stream) => stream.resume());
    parser.on('error', (error) => reject(new BodyError(`multipart body: ${(error as Error).message}`)));
    parser.on('close', () => resolve({ ...out }));
    Readable.from([raw]).pipe(parser);
  });
}

function isJson(raw: Buffer): boolean {
  try {
    JSON.parse(raw.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/** `inbound.data`: an object for JSON objects and forms, the value for other JSON, text otherwise. */
export async function parseInboundBody(raw: Buffer, contentType: string | undefined): Promise<unknown> {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!raw.length) return {};
  // `curl -d '{"phone": …}'` says urlencoded: a body that is a JSON object or array is read as JSON.
  const looksJson = type === 'application/x-www-form-urlencoded' && /^\s*[[{]/.test(raw.subarray(0, 64).toString('utf8'));
  if (type === 'application/json' || type.endsWith('+json') || (looksJson && isJson(raw))) {
    let data: unknown;
    try {
      data = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new BodyError('body is not valid JSON');
    }
    if (jsonDepth(data) > MAX_JSON_DEPTH) throw new BodyError(`body nests deeper than ${MAX_JSON_DEPTH} levels`);
    // The API's own limits on JSON (keys per object, valid Unicode): the data goes into templates and the run's context.
    const problem = findJsonProblem(data, { maxDepth: MAX_JSON_DEPTH });
    if (problem) throw new BodyError(`${problem.field === 'body' ? 'body' : `body.${problem.field}`} ${problem.problem}`);
    return data;
  }
  if (type === 'application/x-www-form-urlencoded') {
    // No prototype: a field named __proto__ is just a field.
    const out: Record<string, unknown> = Object.create(null);
    let n = 0;
    for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) {
      if (++n > MAX_FIELDS) throw new BodyError(`body has more than ${MAX_FIELDS} fields`);
      addField(out, name, value);
    }
    return { ...out };
  }
  if (type === 'multipart/form-data') return multipart(raw, contentType!);
  return raw.toString('utf8');
}

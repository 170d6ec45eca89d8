/**
 * Every answer a test app gives is checked against docs/openapi.json: the operation must document
 * the status, and a JSON body must match the schema of that status. A test that drew an answer the
 * document does not describe fails (test/support/contract-check.ts), so the document cannot drift.
 */
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';
import { readFileSync } from 'fs';
import { join } from 'path';

type Json = Record<string, any>;

export const apiDocument: Json = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8'));

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: `{anyOf: [{type: 'null'}, schema]}`. Ajv's own
 * `nullable` widens `type` only, so `{nullable: true, allOf: [{$ref}]}` (a nullable object) refused null.
 */
function jsonSchemaOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchemaOf);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Json;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'example' || k === 'default' ? v : jsonSchemaOf(v)]));
  return nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(jsonSchemaOf(apiDocument) as Json, 'openapi.json');

const routes = Object.keys(apiDocument.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The document's path for a request path: `/api/webhooks/12` → `/api/webhooks/{id}`. */
export function documentedPath(path: string): string | undefined {
  const exact = routes.find((r) => r.template === path);
  return (exact ?? routes.find((r) => r.pattern.test(path)))?.template;
}

const validators = new Map<string, ValidateFunction | null>();

function responseOf(op: Json, status: number): Json | undefined {
  const response = op.responses?.[status] ?? op.responses?.[`${String(status)[0]}XX`] ?? op.responses?.default;
  if (!response?.$ref) return response;
  return apiDocument.components.responses[response.$ref.split('/').pop()];
}

/** What is wrong with an answer, or undefined when the document describes it. */
export function contractProblem(method: string, path: string, status: number, contentType: string | undefined, body: unknown): string | undefined {
  const template = documentedPath(path);
  const op = template ? apiDocument.paths[template][method.toLowerCase()] : undefined;
  // Routes outside the document (/hooks, /metrics, the console) and unknown routes are not the contract.
  if (!template || !op) return undefined;
  const where = `${method} ${template} → ${status}`;
  const response = responseOf(op, status);
  if (!response) return `${where}: status not documented (documented: ${Object.keys(op.responses).join(', ')})`;
  const json = contentType?.includes('json');
  if (!json || body === undefined) return undefined;
  const key = `${method} ${template} ${status}`;
  if (!validators.has(key)) {
    const schema = response.content?.['application/json']?.schema;
    validators.set(key, schema ? ajv.compile(schemaRef(template, method, status, op, response)) : null);
  }
  const validate = validators.get(key);
  if (validate === null) return `${where}: a JSON body, but the document gives this answer no JSON schema`;
  if (validate && !validate(body)) {
    const errors = ajv.errorsText(validate.errors?.slice(0, 5), { dataVar: 'body' });
    return `${where}: ${errors}\n  body: ${JSON.stringify(body).slice(0, 400)}`;
  }
  return undefined;
}

/** A $ref into the document (so its own $refs resolve), at the answer's schema. */
function schemaRef(template: string, method: string, status: number, op: Json, response: Json): Json {
  const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  const base = op.responses[status]?.$ref
    ? `#/components/responses/${op.responses[status].$ref.split('/').pop()}`
    : `#/paths/${pointer(template)}/${method.toLowerCase()}/responses/${op.responses[status] ? status : 'default'}`;
  void response;
  return { $ref: `openapi.json${base}/content/application~1json/schema` };
}

const violations: string[] = [];

/** The violations recorded since the last call. */
export function takeContractViolations(): string[] {
  return violations.splice(0);
}

/** Express middleware for a test app: records every answer and checks it on finish. */
export function checkAnswersAgainstContract() {
  return (req: Request, res: Response, next: NextFunction) => {
    let body: unknown;
    const json = res.json.bind(res);
    res.json = (value: unknown) => {
      // What goes on the wire (Dates as strings), not the object handed to express.
      body = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
      return json(value);
    };
    const path = req.path;
    res.on('finish', () => {
      const problem = contractProblem(req.method, path, res.statusCode, String(res.getHeader('content-type') ?? ''), body);
      if (problem) violations.push(problem);
    });
    next();
  };
}

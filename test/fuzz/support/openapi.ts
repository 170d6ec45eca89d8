/**
 * The operations of the running api, read from its own OpenAPI document, so a new endpoint is
 * fuzzed (and its `{id}` tried across tenants) without anyone listing it here.
 */
import type { Components, Schema } from './schema-seed';

export type { Schema } from './schema-seed';

export interface Operation {
  method: string;
  /** As documented: `/api/customers/{id}`. */
  path: string;
  pathParams: string[];
  queryParams: { name: string; schema: Schema }[];
  /** The resolved JSON body schema, if the document has one (one level of `$ref` and single `allOf`s resolved). */
  body?: Schema;
  /** The JSON body schema as the document has it (`$ref`s, `oneOf`s): what seeds are generated from. */
  bodySchema?: Schema;
  /** The document's `components.schemas`, which `bodySchema` refers into. */
  components?: Components;
  /** `POST /api/customers/{id}`: how the fuzzer and its seeds name an operation. */
  id: string;
}

/** Operations the document leaves out on purpose (a controller with @ApiExcludeController) but the fuzzer must cover. */
export const UNDOCUMENTED: { method: string; path: string }[] = ['GET', 'POST', 'PUT', 'DELETE'].map((method) => ({ method, path: '/hooks/{key}' }));

export function operations(doc: { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } }): Operation[] {
  const schemas = doc.components?.schemas ?? {};
  const resolve = (s: Schema | undefined, depth = 0): Schema | undefined => {
    if (!s || depth > 10) return s;
    if (s.$ref) return resolve(schemas[s.$ref.replace('#/components/schemas/', '')], depth + 1);
    if (s.allOf?.length === 1) return { ...resolve(s.allOf[0], depth + 1), nullable: s.nullable };
    const out: Schema = { ...s };
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v, depth + 1)!]));
    if (s.items) out.items = resolve(s.items, depth + 1);
    return out;
  };
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params: { name: string; in: string; schema?: Schema }[] = op.parameters ?? [];
      const body = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        id: `${method.toUpperCase()} ${path}`,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolve(p.schema) ?? {} })),
        body: resolve(body),
        bodySchema: body,
        components: schemas,
      });
    }
  }
  for (const u of UNDOCUMENTED) {
    if (!out.some((o) => o.method === u.method && o.path === u.path)) {
      out.push({ ...u, id: `${u.method} ${u.path}`, pathParams: ['key'], queryParams: [] });
    }
  }
  return out;
}

/** `/api/loyalty/coupons/{id}/dispatch` → `/api/loyalty/coupons`: the collection its first parameter belongs to. */
export function collectionOf(path: string): string | undefined {
  const i = path.indexOf('/{');
  return i < 0 ? undefined : path.slice(0, i);
}

/** The path with its parameters filled in (values encoded unless `raw`). */
export function fill(path: string, values: Record<string, string>, raw = false): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => (raw ? values[name] : encodeURIComponent(values[name] ?? '')));
}

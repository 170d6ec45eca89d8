/**
 * What every operation shares, added to the document Nest builds from the controllers: servers,
 * security (a tenant API key or a console session; none for public routes) and the error answers
 * each kind of operation can give. Pure, so it is easy to test.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const ERROR_SCHEMA = 'ErrorResponseDto';

/** The shared error responses, by status, in `components.responses`. */
export const ERROR_RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'The request is malformed or breaks a rule: `code` says which, `problems` names each field (validation_failed)' },
  401: { name: 'Unauthorized', description: 'No valid API key or console session' },
  403: {
    name: 'Forbidden',
    description: "The caller's role or API key scopes lack the permission the operation needs (its `x-permission`): forbidden, `params.permission`",
  },
  404: { name: 'NotFound', description: 'No such resource for this tenant' },
  405: { name: 'MethodNotAllowed', description: 'The method is not allowed here' },
  409: { name: 'Conflict', description: 'The resource is in a state that does not allow this: `code` says which' },
  410: { name: 'Gone', description: 'The resource no longer accepts this' },
  413: { name: 'PayloadTooLarge', description: 'The request body is over the limit' },
  415: { name: 'UnsupportedMediaType', description: 'The body is of a content type this operation cannot read; nothing was written' },
  429: { name: 'TooManyRequests', description: 'Too many requests: wait for `Retry-After` seconds' },
  502: { name: 'BadGateway', description: 'The webhook receiver or journey could not give an answer' },
  503: { name: 'ServiceUnavailable', description: 'The database or Redis is not reachable right now: retry after `Retry-After` seconds' },
};

export const SECURITY_SCHEMES: Json = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'API key',
    description: 'A tenant API key (`hk_…`, from POST /api/api-keys or the demo seed) as `Authorization: Bearer hk_…`. Opaque, not a JWT.',
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'herald_session',
    description: 'The console session cookie set by POST /api/auth/login.',
  },
  admin: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'ADMIN_TOKEN',
    description: "The deployment's ADMIN_TOKEN, for creating tenants.",
  },
};

const STATUS_TEXT: Record<string, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content', 303: 'See other' };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Statuses an operation can answer with an error, from what it takes and how it is guarded. */
export function errorStatuses(path: string, method: string, op: Json): number[] {
  const statuses = new Set<number>([503]);
  const params: Json[] = op.parameters ?? [];
  const secured = (op.security ?? []).length > 0;
  if (secured) statuses.add(401);
  if (op['x-permission']) statuses.add(403);
  if (params.some((p) => p.in === 'path')) statuses.add(400).add(404);
  if (params.some((p) => p.in === 'query')) statuses.add(400);
  if (op.requestBody) statuses.add(400).add(413).add(415);
  if (method === 'post' && !op.requestBody && secured) statuses.add(415);
  for (const code of Object.keys(op.responses ?? {})) if (/^[45]\d\d$/.test(code)) statuses.delete(Number(code));
  return [...statuses].sort();
}

export function completeDocument(doc: Json): Json {
  doc.servers = [{ url: '/', description: 'This deployment' }];
  doc.components ??= {};
  doc.components.securitySchemes = SECURITY_SCHEMES;
  const used = new Set<number>();
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      // Ids in paths are INT columns (the id pipe refuses anything else); Nest says `number`.
      for (const p of op.parameters ?? []) if (p.in === 'path' && p.schema?.type === 'number') p.schema.type = 'integer';
      // Nest writes `bearer: []` for @ApiBearerAuth(); a console session is the same tenant.
      const schemes = (op.security ?? []).flatMap((s: Json) => Object.keys(s));
      op.security = schemes.includes('admin') ? [{ admin: [] }] : schemes.includes('bearer') ? [{ bearer: [] }, { session: [] }] : [];
      const permission = op['x-permission'];
      if (permission && !op.description?.includes('Needs the permission')) {
        op.description = `${op.description ? `${op.description}\n\n` : ''}Needs the permission \`${permission}\` (see docs/permissions.md).`;
      }
      for (const status of errorStatuses(path, method, op)) {
        op.responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
        used.add(status);
      }
      // A documented error status without a body schema gets the shared one.
      for (const [code, response] of Object.entries<Json>(op.responses)) {
        if (response.description === '') response.description = STATUS_TEXT[code] ?? code;
        if (/^[45]\d\d$/.test(code) && !response.$ref && !response.content) {
          response.content = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } } };
        }
      }
    }
  }
  doc.components.responses = Object.fromEntries(
    [...used]
      .sort()
      .map((status) => [
        ERROR_RESPONSES[status].name,
        { description: ERROR_RESPONSES[status].description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } } } },
      ]),
  );
  return doc;
}

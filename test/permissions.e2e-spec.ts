import { readFileSync } from 'fs';
import { entries, MATRIX_DOC, readMatrix, renderPermissionsDoc, withImplied } from '../scripts/permissions-doc';
import { apiDocument } from './support/contract';
import { ADMIN_TOKEN, createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

/**
 * The permission matrix (docs/permissions.json, written by hand) drives this test: it must name every
 * operation of docs/openapi.json with the document's `x-permission`, and every operation is called as
 * each role (a signed-in user of each) and with a key per scope: 403 `forbidden` naming the
 * permission where the matrix denies, anything but 403 (and never a 5xx) where it allows. The
 * guard runs before pipes, so nonexistent ids and bodies with an unknown field keep an allowed call from
 * changing anything.
 */
const matrix = readMatrix();
const PERMISSIONS = entries(matrix.permissions).map(([p]) => p);
const SPECIAL = ['public', 'admin-token', 'signed-in'];

interface Operation {
  method: string;
  path: string;
  permission: string;
}

function documentOperations(): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const [path, item] of Object.entries<Record<string, any>>(apiDocument.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (op && typeof op === 'object' && op.responses) out.set(`${method.toUpperCase()} ${path}`, op['x-permission']);
    }
  }
  return out;
}

/** A path no row answers to: ids far past anything this test creates, a code no coupon has. */
const concretePath = (path: string) => path.replace(/\{id\}/g, '2147483000').replace(/\{[^}]+\}/g, 'NO-SUCH-THING');

function sessionCookie(res: { headers: Record<string, unknown> }): string {
  const header = ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []).find((c) => c.startsWith('herald_session='));
  if (!header) throw new Error('no session cookie');
  return header.split(';')[0];
}

interface Caller {
  name: string;
  headers: Record<string, string>;
  grants: Set<string>;
}

describe('the permission matrix (docs/permissions.json)', () => {
  it('names every operation of the document, and only those, with the same permission', () => {
    const documented = documentOperations();
    const problems: string[] = [];
    for (const [op, permission] of documented) {
      const expected = matrix.operations[op];
      if (expected === undefined) problems.push(`${op}: in the document, not in the matrix`);
      else if (SPECIAL.includes(expected) ? permission !== undefined : permission !== expected) {
        problems.push(`${op}: the matrix says ${expected}, the document's x-permission is ${permission ?? 'none'}`);
      }
    }
    for (const [op] of entries(matrix.operations)) if (!documented.has(op)) problems.push(`${op}: in the matrix, not in the document`);
    for (const [op, p] of entries(matrix.operations)) if (!SPECIAL.includes(p) && !PERMISSIONS.includes(p)) problems.push(`${op}: unknown permission ${p}`);
    for (const [role, r] of entries(matrix.roles))
      for (const p of r.permissions) if (!PERMISSIONS.includes(p)) problems.push(`role ${role}: unknown permission ${p}`);
    for (const [p, qs] of entries(matrix.implies)) for (const q of [p, ...qs]) if (!PERMISSIONS.includes(q)) problems.push(`implies: unknown permission ${q}`);
    expect(problems).toEqual([]);
  });

  it('the operations the document marks public or for the admin token are the matrix’s', () => {
    const documented = documentOperations();
    const publicOps = [...documented.keys()].filter((op) => {
      const [method, path] = op.split(' ');
      const security = apiDocument.paths[path][method.toLowerCase()].security;
      return Array.isArray(security) && security.length === 0;
    });
    expect(publicOps.sort()).toEqual(
      entries(matrix.operations)
        .filter(([, p]) => p === 'public')
        .map(([op]) => op)
        .sort(),
    );
  });

  it('docs/permissions.md is generated from it (npm run permissions:doc)', () => {
    expect(readFileSync(MATRIX_DOC, 'utf8')).toBe(renderPermissionsDoc(matrix));
  });
});

describe('every operation × each role and each key scope', () => {
  let t: TestApp;
  let a: TestTenant;
  const callers: Caller[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t, 'Matrix');
    // The first user is the owner; the others get the role asked.
    for (const [role] of entries(matrix.roles)) {
      const email = `${role}@matrix.example`;
      const created = await t.http().post('/api/console-users').set(a.auth).send({ email, password: 'correct horse', role }).expect(201);
      expect(created.body.role).toBe(role);
      const cookie = sessionCookie(await t.http().post('/api/auth/login').send({ email, password: 'correct horse' }).expect(200));
      callers.push({ name: `role ${role}`, headers: { Cookie: cookie }, grants: withImplied(matrix, matrix.roles[role].permissions) });
    }
    const scopeSets = [...PERMISSIONS.map((p) => [p]), ['admin'], ['customers:read', 'events:write']];
    for (const scopes of scopeSets) {
      const issued = await t
        .http()
        .post('/api/api-keys')
        .set(a.auth)
        .send({ name: scopes.join('+'), scopes })
        .expect(201);
      expect(issued.body.scopes).toEqual(scopes);
      const grants = scopes.includes('admin') ? new Set(PERMISSIONS) : withImplied(matrix, scopes);
      callers.push({ name: `key ${scopes.join('+')}`, headers: { Authorization: `Bearer ${issued.body.key}` }, grants });
    }
  }, 60_000);
  afterAll(() => t?.close());

  it('GET /api/auth/me lists, for each caller, what the matrix gives', async () => {
    const problems: string[] = [];
    for (const c of callers) {
      const me = await t.http().get('/api/auth/me').set(c.headers).expect(200);
      const listed = (me.body.permissions as string[]).filter((p) => p !== 'customers:contact').sort();
      const expected = [...c.grants].sort();
      if (JSON.stringify(listed) !== JSON.stringify(expected)) problems.push(`${c.name}: lists ${listed.join(' ')}; the matrix gives ${expected.join(' ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('answers 403 forbidden naming the permission exactly where the matrix denies', async () => {
    const ops: Operation[] = entries(matrix.operations)
      .filter(([, p]) => !['public', 'admin-token'].includes(p))
      .map(([op, permission]) => {
        const [method, path] = op.split(' ');
        return { method, path, permission };
      });
    const cases = callers.flatMap((caller) => ops.map((op) => ({ caller, op })));
    const problems: string[] = [];
    let denied = 0;
    const BATCH = 24;
    for (let i = 0; i < cases.length; i += BATCH) {
      await Promise.all(
        cases.slice(i, i + BATCH).map(async ({ caller, op }) => {
          const allowed = op.permission === 'signed-in' || caller.grants.has(op.permission);
          let req = t.http()[op.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](concretePath(op.path)).set(caller.headers);
          if (['POST', 'PUT', 'PATCH'].includes(op.method)) req = req.send({ notAField: true });
          const res = await req;
          const where = `${caller.name} → ${op.method} ${op.path} (${op.permission}): ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
          if (res.status >= 500) problems.push(`a 5xx: ${where}`);
          else if (allowed && res.status === 403) problems.push(`allowed by the matrix, refused: ${where}`);
          // An unknown field makes every body a 400: an allowed write passes the guard and changes nothing.
          else if (allowed && op.method !== 'GET' && res.status < 300) problems.push(`a write went through: ${where}`);
          else if (!allowed) {
            denied++;
            if (res.status !== 403 || res.body.code !== 'forbidden' || res.body.params?.permission !== op.permission) {
              problems.push(`denied by the matrix, not a 403 forbidden naming ${op.permission}: ${where}`);
            }
          }
        }),
      );
    }
    expect(problems).toEqual([]);
    // The run did deny and allow: ~3,800 calls, most of the keys' denied.
    expect(cases.length).toBeGreaterThan(3000);
    expect(denied).toBeGreaterThan(cases.length / 2);
  }, 300_000);

  it('the admin token opens no tenant operation, and no tenant credential opens the admin one', async () => {
    await t.http().get('/api/customers').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(401);
    for (const c of callers.filter((x) => x.name.startsWith('role ') || x.name === 'key admin')) {
      await t.http().post('/api/tenants').set(c.headers).send({ name: 'x' }).expect(401);
    }
  });
});

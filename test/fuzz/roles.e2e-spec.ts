/**
 * The fuzzer as a marketer and as an analyst (issue 24): every tenant operation of the document,
 * its valid seed and a sample of its hostile cases, sent with a console session of each role
 * against the built api. Where docs/permissions.json denies the role the operation, every case
 * answers 403 `forbidden` (or is refused before any route, like an unreadable body: never a 2xx)
 * and changes no table; the analyst changes no table at all, even where it may read; never a 5xx.
 */
import { entries, readMatrix, withImplied } from '../../scripts/permissions-doc';
import { Receiver } from '../support/receiver';
import { ADMIN_TOKEN } from '../support/test-app';
import { Case, casesFor } from './support/cases';
import { Deployment } from './support/deployment';
import { changes, Fingerprinter } from './support/fingerprint';
import { Operation, operations } from './support/openapi';
import { seedFor } from './support/seeds';
import { buildWorld, World } from './support/world';

const matrix = readMatrix();
/** Tables any request may touch by design: the hourly message counters each process flushes for earlier work. */
const BY_DESIGN = ['delivery_stats_hourly'];
/** Cases per operation: the seed (and its form encoding) and an even sample of the hostile ones. */
const SAMPLE = 10;

/** Reads and changes first, deletes last (as the main fuzzer orders them). */
const rank = (op: Operation) => (op.method === 'DELETE' ? 2 : op.method === 'GET' ? 0 : 1);

function sampled(cases: Case[]): Case[] {
  const [seeds, rest] = [cases.filter((c) => c.kind.startsWith('seed')), cases.filter((c) => !c.kind.startsWith('seed'))];
  const step = Math.max(1, rest.length / SAMPLE);
  return [...seeds, ...Array.from({ length: Math.min(SAMPLE, rest.length) }, (_, i) => rest[Math.floor(i * step)])];
}

describe('fuzz: a marketer and an analyst write nothing outside their rights', () => {
  let d: Deployment;
  let receiver: Receiver;
  let world: World;
  let ops: Operation[];
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    receiver = await Receiver.start();
    d = await Deployment.start({ env: { LOG_LEVEL: 'warn' } });
    world = await buildWorld(d.http, { receiverUrl: receiver.url(''), name: 'Roles', mobilePrefix: '13700' });
    for (const role of ['marketer', 'analyst']) {
      const email = `${role}@roles.example`;
      await d.http.ok('POST', '/api/console-users', { email, password: 'correct horse', role }, world.key);
      const login = await d.http.json('POST', '/api/auth/login', { email, password: 'correct horse' });
      const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('herald_session='));
      if (!cookie) throw new Error(`${role} could not sign in: ${login.status} ${login.text}`);
      cookies[role] = cookie.split(';')[0];
    }
    const doc = await d.http.ok('GET', '/api/docs/openapi.json');
    ops = operations(doc)
      .filter((op) => !['public', 'admin-token', undefined].includes(matrix.operations[op.id]))
      .sort((a, b) => rank(a) - rank(b));
  }, 120_000);

  afterAll(async () => {
    await d?.close();
    await receiver?.close();
  });

  // The analyst first: it must leave the world as it found it, for the marketer after it.
  for (const role of ['analyst', 'marketer'] as const) {
    it(`as ${role}: 403 and no write wherever the matrix denies, never a 5xx`, async () => {
      const grants = withImplied(matrix, matrix.roles[role].permissions);
      const fingerprint = await Fingerprinter.create(d);
      const failures: string[] = [];
      const tally = { requests: 0, denied: 0, forbidden: 0, allowed: 0, allowedWrites2xx: 0 };
      let before = await fingerprint.take();
      for (const op of ops) {
        const permission = matrix.operations[op.id];
        const allowed = permission === 'signed-in' || grants.has(permission);
        for (const c of sampled(casesFor(op, seedFor(op, world, receiver.url('')), world, ADMIN_TOKEN))) {
          // The session instead of the key; the cases about lying keys are the main fuzzer's.
          const { Authorization, ...headers } = c.headers;
          if (Authorization !== `Bearer ${world.key}`) continue;
          const answer = await d.http.send({ method: c.method, path: c.path, headers: { ...headers, Cookie: cookies[role] }, body: c.body });
          const after = await fingerprint.take();
          const wrote = changes(before, after, BY_DESIGN);
          before = after;
          tally.requests++;
          const where = `${c.method} ${c.path.slice(0, 160)} [${c.kind}] (${permission}) → ${answer.status} ${answer.error ?? answer.text.slice(0, 300)}`;
          if (answer.status === 0 || answer.status >= 500) failures.push(`a 5xx or no answer: ${where}`);
          if (allowed) {
            tally.allowed++;
            if (answer.status < 300 && op.method !== 'GET') tally.allowedWrites2xx++;
            if (answer.status === 403) failures.push(`refused what the matrix allows: ${where}`);
            if ((role === 'analyst' || answer.status >= 400) && wrote.length) failures.push(`wrote (${wrote.join('; ')}): ${where}`);
            continue;
          }
          tally.denied++;
          if (answer.status === 403) tally.forbidden++;
          if (wrote.length) failures.push(`wrote outside the role's rights (${wrote.join('; ')}): ${where}`);
          if (answer.status < 400) failures.push(`answered ${answer.status} outside the role's rights: ${where}`);
          if (c.kind === 'seed' && !(answer.status === 403 && answer.json?.code === 'forbidden' && answer.json?.params?.permission === permission)) {
            failures.push(`a valid request outside the role's rights, not 403 forbidden naming ${permission}: ${where}`);
          }
        }
        if (!d.apiAlive) {
          failures.push(`the api died during ${op.id}:\n${d.api.output().slice(-3000)}`);
          break;
        }
      }
      console.log(`fuzz as ${role}: ${JSON.stringify(tally)}`);
      expect(failures).toEqual([]);
      // The run did reach both sides of the matrix.
      const denied = ops.filter((op) => !grants.has(matrix.operations[op.id]) && matrix.operations[op.id] !== 'signed-in').length;
      expect(denied).toBeGreaterThan(role === 'analyst' ? 50 : 15);
      expect(tally.forbidden).toBeGreaterThan(tally.denied / 2);
      if (role === 'marketer') expect(tally.allowedWrites2xx).toBeGreaterThan(20);
      const errors = d.api
        .output()
        .split('\n')
        .filter((l) => /"level":(50|60)/.test(l));
      expect(errors.map((l) => l.slice(0, 1000))).toEqual([]);
    }, 300_000);
  }

  it('covers every tenant operation of the matrix', () => {
    const tenantOps = entries(matrix.operations)
      .filter(([, p]) => !['public', 'admin-token'].includes(p))
      .map(([op]) => op)
      .sort();
    expect(ops.map((op) => op.id).sort()).toEqual(tenantOps);
  });
});

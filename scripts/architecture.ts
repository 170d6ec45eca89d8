/**
 * Draws the server's architecture from its imports and prints the figures issue 20 tracks:
 * rooms (the modules: folders of src/, with their sub-folders), arrows (module → module imports, type-only ones included), floors
 * (longest path once the fewest arrows are cut to break every loop), the arrows that run back up
 * (those cut), circles (file-level import cycles), the largest files, imports of another module's
 * entity and SQL on another module's tables.
 *
 *   npx ts-node --transpile-only scripts/architecture.ts [--json] [--check]
 *
 * --check exits 1 when a limit is crossed (see LIMITS), so `npm test` keeps the walls standing.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '..');
const SRC = join(ROOT, 'src');
const LIMITS = { upwardArrows: 10, circles: 0, maxFileLines: 300, foreignEntityImports: 0, foreignTableSql: 0 };

/** Files that are not the product's code: tests and the generated OpenAPI metadata. */
const skipped = (file: string) => /\.spec\.ts$/.test(file) || file === join(SRC, 'metadata.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !skipped(path) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      /* not this one */
    }
  }
  return undefined;
}

const files = sourceFiles(SRC);
const imports = new Map<string, string[]>();
for (const file of files) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const targets = importedFiles.map((i) => resolveImport(file, i.fileName)).filter((t): t is string => !!t && !skipped(t));
  imports.set(file, [...new Set(targets)]);
}

const rel = (file: string) => relative(SRC, file);
/** The module a file belongs to: its first folder under src/ ('.' for the top-level composition root). */
const moduleOf = (file: string) => (rel(file).includes('/') ? rel(file).split('/')[0] : '.');
const room = moduleOf;

// Module graph.
const arrows = new Map<string, Set<string>>();
for (const [file, targets] of imports) {
  for (const target of targets) {
    const a = room(file);
    const b = room(target);
    if (a === b) continue;
    if (!arrows.has(a)) arrows.set(a, new Set());
    arrows.get(a)!.add(b);
  }
}
const rooms = [...new Set(files.map(room))].sort();
const arrowList = [...arrows].flatMap(([a, bs]) => [...bs].map((b) => [a, b] as const));

/** Eades–Lin–Smyth greedy ordering: few arrows point backwards; those are the ones that run up. */
function greedyOrder(nodes: string[], edges: ReadonlyArray<readonly [string, string]>): string[] {
  const out = new Map(nodes.map((n) => [n, new Set<string>()]));
  const inn = new Map(nodes.map((n) => [n, new Set<string>()]));
  for (const [a, b] of edges) {
    out.get(a)!.add(b);
    inn.get(b)!.add(a);
  }
  const left = new Set(nodes);
  const head: string[] = [];
  const tail: string[] = [];
  const drop = (n: string) => {
    left.delete(n);
    for (const m of out.get(n)!) inn.get(m)!.delete(n);
    for (const m of inn.get(n)!) out.get(m)!.delete(n);
  };
  while (left.size) {
    let moved = true;
    while (moved) {
      moved = false;
      for (const n of [...left].sort()) {
        // Sinks go to the bottom (depended on), sources to the top.
        if (out.get(n)!.size === 0) {
          tail.unshift(n);
          drop(n);
          moved = true;
        } else if (inn.get(n)!.size === 0) {
          head.push(n);
          drop(n);
          moved = true;
        }
      }
    }
    if (!left.size) break;
    const best = [...left].sort().reduce((x, y) => (out.get(y)!.size - inn.get(y)!.size > out.get(x)!.size - inn.get(x)!.size ? y : x));
    head.push(best);
    drop(best);
  }
  return [...head, ...tail];
}

const order = greedyOrder(rooms, arrowList);
const rank = new Map(order.map((n, i) => [n, i]));
const upward = arrowList.filter(([a, b]) => rank.get(a)! > rank.get(b)!);
const downward = arrowList.filter(([a, b]) => rank.get(a)! < rank.get(b)!);
// Floors: longest path down the acyclic part (floor 0 depends on nothing).
const floor = new Map<string, number>();
for (const n of [...order].reverse()) {
  const below = downward.filter(([a]) => a === n).map(([, b]) => floor.get(b)! + 1);
  floor.set(n, Math.max(0, ...below));
}

// Circles: strongly connected groups of files (Tarjan).
function cycles(): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of imports.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(rel(w));
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return found;
}
const circles = cycles();

// Another module's entity imported.
// The composition root (src/*.ts: the app, the worker, the entity list) may import any.
const foreignEntityImports = [...imports].flatMap(([file, targets]) =>
  targets.filter((t) => t.endsWith('.entity.ts') && moduleOf(file) !== '.' && moduleOf(t) !== moduleOf(file)).map((t) => `${rel(file)} → ${rel(t)}`),
);

// SQL on another module's tables: each entity names its table; a module's SQL may name its own only.
const tableOwner = new Map<string, string>();
for (const file of files.filter((f) => f.endsWith('.entity.ts'))) {
  const m = /@Entity\(\s*'([a-z_]+)'/.exec(readFileSync(file, 'utf8'));
  if (m) tableOwner.set(m[1], moduleOf(file));
}
// SQL keywords are upper case in this code base; comments are left out (prose says "from customers").
const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+`?([a-z_]+)`?/g;
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const foreignTableSql = files
  .filter((f) => !rel(f).startsWith('migrations/') && !rel(f).startsWith('database/migrations/'))
  .flatMap((file) => {
    const text = withoutComments(readFileSync(file, 'utf8'));
    const hits = new Set<string>();
    for (const m of text.matchAll(SQL_TABLE)) {
      const owner = tableOwner.get(m[1]);
      if (owner && owner !== moduleOf(file)) hits.add(`${rel(file)} → ${m[1]} (${owner})`);
    }
    return [...hits];
  });

const lines = files.map((f) => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length })).sort((a, b) => b.lines - a.lines);

const figures = {
  rooms: rooms.length,
  floors: Math.max(...floor.values()) + 1,
  arrows: arrowList.length,
  upwardArrows: upward.length,
  circles: circles.length,
  maxFileLines: lines[0].lines,
  foreignEntityImports: foreignEntityImports.length,
  foreignTableSql: foreignTableSql.length,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ figures, upward, circles, foreignEntityImports, foreignTableSql, largest: lines.slice(0, 10) }, null, 2));
} else {
  console.log(
    `${figures.rooms} rooms on ${figures.floors} floors, ${figures.arrows} arrows, ${figures.upwardArrows} run back up, ` +
      `${figures.circles} circles; largest file ${lines[0].file} (${lines[0].lines} lines); ` +
      `${figures.foreignEntityImports} imports of another module's entity, ${figures.foreignTableSql} SQL uses of another module's table`,
  );
  const list = (title: string, items: string[]) => items.length && console.log(`\n${title}\n${items.map((i) => `  ${i}`).join('\n')}`);
  list(
    'Arrows that run back up:',
    upward.map(([a, b]) => `${a} → ${b}`),
  );
  list(
    'Circles:',
    circles.map((c) => c.join(' ↔ ')),
  );
  list("Another module's entity imported:", foreignEntityImports);
  list("SQL on another module's table:", foreignTableSql);
  list(
    'Largest files:',
    lines.slice(0, 8).map((l) => `${l.lines}  ${l.file}`),
  );
}

if (process.argv.includes('--check')) {
  const crossed = (Object.keys(LIMITS) as (keyof typeof LIMITS)[]).filter((k) => figures[k] > LIMITS[k]);
  if (crossed.length) {
    console.error(`\narchitecture: over the limit: ${crossed.map((k) => `${k} ${figures[k]} > ${LIMITS[k]}`).join(', ')}`);
    process.exit(1);
  }
}
if (process.argv.includes('--why')) {
  for (const [a, b] of upward)
    for (const [file, targets] of imports)
      for (const t of targets) if (moduleOf(file) === a && moduleOf(t) === b) console.log(`${a} → ${b}: ${rel(file)} → ${rel(t)}`);
}

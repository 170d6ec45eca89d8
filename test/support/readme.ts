/**
 * The README as the tests read it: its runnable shell blocks and its links. Pure.
 * A runnable block is a ```bash fence on the line right after `<!-- tutorial -->` (a step of "The first ten
 * minutes") or `<!-- example -->` (a reference example using the tutorial's variables).
 */
export type BlockKind = 'tutorial' | 'example';

export interface ShellBlock {
  kind: BlockKind;
  /** A tutorial step's bold lead (`3. A test send (测试发送).`), or an example's heading. */
  title: string;
  /** 1-based line of the fence, for messages. */
  line: number;
  code: string;
}

const MARKER = /^<!-- (tutorial|example) -->$/;
const STEP = /^\*\*(\d+\.[^*]+)\*\*/;

export function shellBlocks(markdown: string): ShellBlock[] {
  const lines = markdown.split('\n');
  const blocks: ShellBlock[] = [];
  let heading = '';
  let step = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) {
      i = closingFence(lines, i);
      continue;
    }
    if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
    const lead = STEP.exec(line);
    if (lead) step = lead[1].trim();
    const marker = MARKER.exec(line);
    if (!marker) continue;
    if (lines[i + 1] !== '```bash') throw new Error(`README line ${i + 1}: ${line} is not followed by a \`\`\`bash fence`);
    const end = closingFence(lines, i + 1);
    const kind = marker[1] as BlockKind;
    blocks.push({ kind, title: kind === 'tutorial' ? step : heading, line: i + 2, code: lines.slice(i + 2, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** The ```bash fences between a `## <title>` heading and the next `## ` heading, marked or not. */
export function bashFencesIn(markdown: string, sectionTitle: string): number {
  const start = markdown.indexOf(`\n## ${sectionTitle}\n`);
  if (start < 0) return 0;
  const next = markdown.indexOf('\n## ', start + 1);
  return (markdown.slice(start, next < 0 ? undefined : next).match(/^```bash$/gm) ?? []).length;
}

function closingFence(lines: string[], open: number): number {
  for (let j = open + 1; j < lines.length; j++) if (lines[j] === '```') return j;
  throw new Error(`README line ${open + 1}: a fence that never closes`);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script stay), spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every heading's anchor. */
export function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const line of withoutCode(markdown).split('\n')) {
    const m = /^#{1,6} (.+)$/.exec(line);
    if (m) out.add(anchorOf(m[1]));
  }
  return out;
}

/** The targets of the Markdown links outside code (`[text](target)`). */
export function linkTargets(markdown: string): string[] {
  return [...withoutCode(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

function withoutCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
}

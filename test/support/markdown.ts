/** Facts read out of the repository's markdown, so that tests hold the documents to the code. */

/** The text under a heading (its `#`s and text exactly), up to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = heading.match(/^#+/)![0].length;
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.match(/^#+/)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The contents of every fenced code block (without the fences and the final newline), optionally of one language. */
export function codeBlocks(text: string, language?: string): string[] {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)\n```$/gm)].filter((m) => language === undefined || m[1] === language).map((m) => m[2]);
}

/** The first code block after the line that starts with `**label**`. */
export function labelledBlock(text: string, label: string): string {
  const at = text.indexOf(`\n**${label}**`);
  if (at < 0) throw new Error(`no "**${label}**" line`);
  const [block] = codeBlocks(text.slice(at));
  if (block === undefined) throw new Error(`no code block after "**${label}**"`);
  return block;
}

/** The body rows of the first table: cells trimmed, backticks around a whole cell removed. */
export function tableRows(text: string): string[][] {
  const rows = text.split('\n').filter((line) => line.startsWith('|'));
  return rows.slice(2).map((row) =>
    row
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim().replace(/^`([^`]*)`$/, '$1')),
  );
}

/** The targets of the inline links `[text](target)`. */
export function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

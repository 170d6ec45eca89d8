/**
 * Where a body template's problem is in the JSON text the marketer typed: the line of the value a
 * problem path names (`bodyTemplate.text.content`, `bodyTemplate.items[2]`), or of the position a
 * JSON syntax error gives. A path it cannot find answers undefined.
 */
import { FieldValidationException } from '../common/validation';

/** 1-based line of the character at `offset`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line of every value in well-formed JSON text, by its path below `root`. */
export function valueLines(text: string, root = 'bodyTemplate'): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, at: number): void => {
    skip();
    lines.set(path, lineAt(text, at));
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      while (i < text.length && text[i] !== '}') {
        const keyAt = i;
        const key = string();
        skip();
        i++; // ':'
        value(`${path}.${key}`, keyAt);
        skip();
        if (text[i] === ',') i++;
        skip();
      }
      i++;
    } else if (c === '[') {
      i++;
      skip();
      for (let n = 0; i < text.length && text[i] !== ']'; n++) {
        skip();
        value(`${path}[${n}]`, i);
        skip();
        if (text[i] === ',') i++;
        skip();
      }
      i++;
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
    }
  };
  try {
    skip();
    value(root, i);
  } catch {
    // Not JSON after all: the lines found so far are still right.
  }
  return lines;
}

/** The line a problem of the template `text` points at: its path's value, or a syntax error's position. */
export function problemLine(text: string, path: string, message: string, root = 'bodyTemplate'): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position) return lineAt(text, Number(position[1]));
  if (path === root) return undefined;
  return valueLines(text, root).get(path);
}

/** Runs `work`; a 400 it throws gets the line of each template problem in `text` (`params.line`), when there is a text. */
export async function withTemplateLines<T>(text: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (text === undefined || !(error instanceof FieldValidationException)) throw error;
    const problems = error.problems.map((p) => {
      const line = p.path.startsWith('bodyTemplate') ? problemLine(text, p.path, p.message) : undefined;
      return line === undefined ? p : { ...p, params: { ...p.params, line } };
    });
    throw new FieldValidationException(problems);
  }
}

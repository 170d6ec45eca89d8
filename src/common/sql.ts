import { ConflictException } from '@nestjs/common';

/** Escapes LIKE wildcards so user text matches literally (default escape character is backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Splits an array into chunks of at most `size` items. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The name of the unique index a MySQL/MariaDB ER_DUP_ENTRY error reports, if any. */
export function duplicateKeyName(error: unknown): string | undefined {
  const e = error as { code?: string; sqlMessage?: string; message?: string };
  if (e?.code !== 'ER_DUP_ENTRY') return undefined;
  return /for key '(?:[^'.]+\.)?([^']+)'/.exec(e.sqlMessage ?? e.message ?? '')?.[1];
}

/** Rethrows a unique-key violation as a 409 with the message for that key; other errors as they are. */
export function conflictOnDuplicate(messages: Record<string, string>) {
  return (error: unknown): never => {
    const message = messages[duplicateKeyName(error) ?? ''];
    throw message ? new ConflictException(message) : error;
  };
}

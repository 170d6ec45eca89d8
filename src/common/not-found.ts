import { NotFoundException } from '@nestjs/common';

/**
 * For `.catch()` where a missing row means "gone": null for a 404, anything else rethrown. A
 * database hiccup or a secret that cannot be opened must not read as "deleted" (and cancel
 * messages); the caller's job fails instead, and its claim is retaken later.
 */
export function nullIfNotFound(error: unknown): null {
  if (error instanceof NotFoundException) return null;
  throw error;
}

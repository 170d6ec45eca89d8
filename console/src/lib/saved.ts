import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Shows what a save answered. A poll still in flight was asked before the save, and when it lands it
 * would put the older state back (a published journey's page said 版本 v1 after saving v2): it is
 * cancelled first, and its answer dropped.
 */
export async function showSaved<T>(client: QueryClient, key: QueryKey, saved: T): Promise<void> {
  await client.cancelQueries({ queryKey: key, exact: true });
  client.setQueryData(key, saved);
}

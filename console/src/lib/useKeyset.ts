import { useInfiniteQuery } from '@tanstack/react-query';
import type { Page } from './api';

/**
 * A keyset-paged list (`{items, nextCursor}`) as one growing array with "load more". `key` names the
 * list and everything its fetch depends on; `fetchPage` asks for the page after a cursor.
 */
export function useKeyset<T>(
  key: unknown[],
  fetchPage: (after: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
  options: { pollWhile?: (items: T[]) => boolean } = {},
) {
  const q = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam ?? undefined, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Polls (every 2 s) only while the caller says something on the list is still moving.
    refetchInterval: (query) => (options.pollWhile?.(query.state.data?.pages.flatMap((p) => p.items) ?? []) ? 2000 : false),
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...q, items };
}

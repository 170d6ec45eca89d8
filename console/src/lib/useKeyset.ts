import { useInfiniteQuery } from '@tanstack/react-query';
import { get, type Page } from './api';

/** A keyset-paged list (`{items, nextCursor}`) as one growing array with "load more". */
export function useKeyset<T>(key: unknown[], path: string, query: Record<string, string | number | undefined | null> = {}, options: { pollWhile?: (items: T[]) => boolean } = {}) {
  const q = useInfiniteQuery({
    queryKey: [...key, query],
    queryFn: ({ pageParam }) => get<Page<T>>(path, { ...query, after: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Polls (every 2 s) only while the caller says something on the list is still moving.
    refetchInterval: (query) =>
      options.pollWhile?.(query.state.data?.pages.flatMap((p) => p.items) ?? []) ? 2000 : false,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...q, items };
}

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { client, data } from '../../../lib/api';
import type { Journey, Schemas } from '../../../lib/models';

export type NodeCount = Schemas['NodeCountView'];

/** How often an active journey's node counts are asked again. */
const LIVE_MS = 3000;

/** The per-node counts of the journey's current version, live while it is active (a paused one does not move). */
export function useNodeCounts(journey?: Pick<Journey, 'id' | 'status'>): Map<string, NodeCount> | undefined {
  const shown = !!journey && (journey.status === 'active' || journey.status === 'paused');
  const q = useQuery({
    queryKey: ['journey', journey?.id, 'node-counts'],
    queryFn: ({ signal }) => data(client.GET('/api/journeys/{id}/node-counts', { params: { path: { id: journey!.id }, query: {} }, signal })),
    enabled: shown,
    refetchInterval: journey?.status === 'active' ? LIVE_MS : false,
  });
  return useMemo(() => (shown && q.data ? new Map(q.data.nodes.map((n) => [n.nodeId, n])) : undefined), [shown, q.data]);
}

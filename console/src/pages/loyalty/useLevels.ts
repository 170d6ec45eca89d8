import { useQuery } from '@tanstack/react-query';
import { get } from '../../lib/api';

export interface Level { id: number; name: string; rank: number }

export function useLevels() {
  return useQuery({ queryKey: ['loyalty', 'levels'], queryFn: () => get<{ items: Level[] }>('/api/loyalty/levels') });
}

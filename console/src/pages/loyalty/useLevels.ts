import { useQuery } from '@tanstack/react-query';
import { client, data } from '../../lib/api';

export function useLevels() {
  return useQuery({ queryKey: ['loyalty', 'levels'], queryFn: () => data(client.GET('/api/loyalty/levels')) });
}

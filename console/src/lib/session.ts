import { useQuery } from '@tanstack/react-query';
import { client, data } from './api';

export const ME_KEY = ['me'];

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => data(client.GET('/api/auth/me')), retry: false, staleTime: 60_000 });
}

import { useQuery } from '@tanstack/react-query';
import { get } from './api';

export interface Me {
  via: 'session' | 'apiKey';
  user: { id: number; email: string; name: string | null } | null;
  tenant: { id: number; name: string };
}

export const ME_KEY = ['me'];

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => get<Me>('/api/auth/me'), retry: false, staleTime: 60_000 });
}

import { useQuery } from '@tanstack/react-query';
import { client, data } from './api';

/**
 * Names for the ids journeys, forms and triggers refer to (a webhook, a group, a form, an inbound
 * trigger, a journey), fetched once per screen and cached. The first 1,000 of each: pickers and
 * labels, not listings.
 */
const ALL = { params: { query: { limit: 1000 } } };

export function useWebhooks() {
  return useQuery({ queryKey: ['webhooks', 'all'], queryFn: () => data(client.GET('/api/webhooks', ALL)) });
}

export function useGroups() {
  return useQuery({ queryKey: ['groups', 'all'], queryFn: () => data(client.GET('/api/groups', ALL)) });
}

export function useForms() {
  return useQuery({ queryKey: ['forms', 'all'], queryFn: () => data(client.GET('/api/forms', ALL)) });
}

export function useInboundTriggers() {
  return useQuery({ queryKey: ['inbound-triggers', 'all'], queryFn: () => data(client.GET('/api/inbound-triggers', ALL)) });
}

export function useJourneys() {
  return useQuery({ queryKey: ['journeys', 'all'], queryFn: () => data(client.GET('/api/journeys', ALL)) });
}

/** id → name of a lookup's items. */
export function namesOf<T extends { id: number; name: string }>(page: { items: T[] } | undefined): Map<number, string> {
  return new Map((page?.items ?? []).map((x) => [x.id, x.name]));
}

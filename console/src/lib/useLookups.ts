import { useQuery } from '@tanstack/react-query';
import { get, type Page } from './api';
import type { HeraldForm, InboundTrigger, Journey } from './automation-types';
import type { Group, Webhook } from './types';

/**
 * Names for the ids journeys, forms and triggers refer to (a webhook, a group, a form, an inbound
 * trigger, a journey), fetched once per screen and cached. The first 1,000 of each: pickers and
 * labels, not listings.
 */
export function useWebhooks() {
  return useQuery({ queryKey: ['webhooks', 'all'], queryFn: () => get<Page<Webhook>>('/api/webhooks', { limit: 1000 }) });
}

export function useGroups() {
  return useQuery({ queryKey: ['groups', 'all'], queryFn: () => get<Page<Group>>('/api/groups', { limit: 1000 }) });
}

export function useForms() {
  return useQuery({ queryKey: ['forms', 'all'], queryFn: () => get<Page<HeraldForm>>('/api/forms', { limit: 1000 }) });
}

export function useInboundTriggers() {
  return useQuery({ queryKey: ['inbound-triggers', 'all'], queryFn: () => get<Page<InboundTrigger>>('/api/inbound-triggers', { limit: 1000 }) });
}

export function useJourneys() {
  return useQuery({ queryKey: ['journeys', 'all'], queryFn: () => get<Page<Journey>>('/api/journeys', { limit: 1000 }) });
}

/** id → name of a lookup's items. */
export function namesOf<T extends { id: number; name: string }>(page: Page<T> | undefined): Map<number, string> {
  return new Map((page?.items ?? []).map((x) => [x.id, x.name]));
}

import { useEffect, useState } from 'react';
import { ApiError, post } from '../../../lib/api';
import type { Draft } from './definition';

export interface CheckState {
  /** Errors keyed by the API's paths (`nodes[3].next`); empty when the journey is sound. */
  errors: Record<string, string[]>;
  checking: boolean;
  /** The check itself failed (network, 5xx): not a verdict on the journey. */
  failure?: string;
  checked: boolean;
}

/**
 * The live check as the marketer edits: POST /api/journeys/validate shortly after the last change
 * (debounced), answering the same errors a save would. A newer edit cancels an older answer.
 */
export function useJourneyCheck(draft: Draft, delayMs = 400): CheckState {
  const [state, setState] = useState<CheckState>({ errors: {}, checking: false, checked: false });
  const key = JSON.stringify([draft.trigger, draft.start, draft.nodes]);
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(async () => {
      try {
        const res = await post<{ valid: boolean; errors: Record<string, string[]> }>('/api/journeys/validate', {
          trigger: draft.trigger, start: draft.start, nodes: draft.nodes,
        });
        if (!cancelled) setState({ errors: res.errors, checking: false, checked: true });
      } catch (e) {
        if (cancelled) return;
        const fields = e instanceof ApiError ? e.body.fields : undefined;
        setState(fields ? { errors: fields, checking: false, checked: true } : { errors: {}, checking: false, checked: false, failure: (e as Error).message });
      }
    }, delayMs);
    return () => { cancelled = true; clearTimeout(timer); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

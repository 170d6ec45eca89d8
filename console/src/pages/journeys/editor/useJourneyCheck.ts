import { useEffect, useState } from 'react';
import { asBody, client, data, type FieldProblem } from '../../../lib/api';
import { problemsOf } from '../../../lib/form-errors';
import type { JourneyCheck, Schemas } from '../../../lib/models';
import type { Draft } from './definition';

export interface CheckState {
  /** The problems a save would answer, by the API's paths (`nodes[3].next`); empty when the journey is sound. */
  problems: FieldProblem[];
  checking: boolean;
  /** The check itself failed (network, 5xx): not a verdict on the journey. */
  failure?: unknown;
  checked: boolean;
}

/**
 * The live check as the marketer edits: POST /api/journeys/validate shortly after the last change
 * (debounced), answering the same problems a save would. A newer edit cancels an older answer.
 */
export function useJourneyCheck(draft: Draft, delayMs = 400): CheckState {
  const [state, setState] = useState<CheckState>({ problems: [], checking: false, checked: false });
  // The check runs when what it reads changes, not on every new draft object (a rename of the journey, a re-render).
  const key = JSON.stringify({ trigger: draft.trigger, start: draft.start, nodes: draft.nodes });
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(async () => {
      try {
        const res: JourneyCheck = await data(
          client.POST('/api/journeys/validate', {
            body: asBody<Schemas['UpdateJourneyDto']>(JSON.parse(key)),
          }),
        );
        if (!cancelled) setState({ problems: res.problems, checking: false, checked: true });
      } catch (e) {
        if (cancelled) return;
        const problems = problemsOf(e);
        setState(problems.length ? { problems, checking: false, checked: true } : { problems: [], checking: false, checked: false, failure: e });
      }
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, delayMs]);
  return state;
}

import { useEffect, useState } from 'react';
import { ApiError, post } from '../../lib/api';
import type { Rule } from '../../components/rule/RuleBuilder';

/** Live member count of a rule being edited (debounced), or the API's errors keyed by the rule part. */
export function useRuleCount(rule: Rule | undefined) {
  const [state, setState] = useState<{ count?: number; errors: Record<string, string[]>; loading: boolean; message?: string }>({ errors: {}, loading: false });
  const key = JSON.stringify(rule ?? null);
  useEffect(() => {
    if (!rule) return;
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(async () => {
      try {
        const res = await post<{ count: number }>('/api/groups/preview-count', { rule });
        if (!cancelled) setState({ count: res.count, errors: {}, loading: false });
      } catch (e) {
        if (cancelled) return;
        const fields = e instanceof ApiError ? e.body.fields : undefined;
        setState({ errors: fields ?? {}, loading: false, message: fields ? undefined : (e as Error).message });
      }
    }, 350);
    return () => { cancelled = true; clearTimeout(timer); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

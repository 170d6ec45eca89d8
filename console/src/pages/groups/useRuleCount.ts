import { useEffect, useState } from 'react';
import { asBody, client, data } from '../../lib/api';
import { useT } from '../../i18n';
import { errorText } from '../../lib/errors';
import { problemsByPath, problemsOf } from '../../lib/form-errors';
import type { Schemas } from '../../lib/models';
import type { Rule } from '../../components/rule/RuleBuilder';

/** Live member count of a rule being edited (debounced), or the API's problems (in the console's words) keyed by the rule part. */
export function useRuleCount(rule: Rule | undefined) {
  const { lang } = useT();
  const [state, setState] = useState<{ count?: number; errors: Record<string, string[]>; loading: boolean; message?: string }>({ errors: {}, loading: false });
  // Counted when the rule's content changes, not on every new rule object.
  const key = JSON.stringify(rule ?? null);
  useEffect(() => {
    const counted = JSON.parse(key) as Rule | null;
    if (!counted) return;
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(async () => {
      try {
        const res = await data(client.POST('/api/groups/preview-count', { body: asBody<Schemas['PreviewCountDto']>({ rule: counted }) }));
        if (!cancelled) setState({ count: res.count, errors: {}, loading: false });
      } catch (e) {
        if (cancelled) return;
        const problems = problemsOf(e);
        setState(problems.length ? { errors: problemsByPath(problems, lang), loading: false } : { errors: {}, loading: false, message: errorText(e, lang) });
      }
    }, 350);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, lang]);
  return state;
}

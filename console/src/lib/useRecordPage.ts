import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useErrorText } from './errors';

/** The record a page at …/:id shows, or undefined on …/new. */
export function useRecordId(): number | undefined {
  const { id } = useParams();
  return id ? Number(id) : undefined;
}

/** A record page's open tab, kept in ?tab= so a reload or a shared link opens it; the first tab leaves the address bare. */
export function useTabParam(first: string): [string, (tab: string) => void] {
  const [params, setParams] = useSearchParams();
  const setTab = (tab: string) => setParams(tab === first ? {} : { tab }, { replace: true });
  return [params.get('tab') ?? first, setTab];
}

/** Deleting a record from its own page: its list is asked again and opened; a refusal is said in the console's words. */
export function useDeleteRecord(send: () => Promise<unknown>, list: { key: QueryKey; path: string }) {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: list.key });
      navigate(list.path);
    },
    onError: (e) => message.error(errorText(e)),
  });
}

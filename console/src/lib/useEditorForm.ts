import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, Form, type FormInstance, type FormProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../i18n';
import { useFieldErrors } from './form-errors';

export interface EditorFormOptions<V, Body, Saved> {
  /** A record not saved yet: once saved, its own page opens (`pathOf`). */
  isNew: boolean;
  /** The create or update call. */
  send: (body: Body) => Promise<Saved>;
  /** The form's values as the API takes them, or undefined when a check here failed (its message put on the form). */
  toBody: (values: V, form: FormInstance<V>) => Body | undefined;
  /** The form's top-level field names: problems the server names elsewhere are shown above the form. */
  fields: string[];
  /** An API path → the form field that shows its problems (default: the same path). */
  fieldOf?: (apiPath: string) => (string | number)[] | undefined;
  /** The record's query (it shows the answer) and the list's (fetched again). */
  recordKey: (saved: Saved) => QueryKey;
  listKey: QueryKey;
  /** What the record's query keeps of the answer (default: all of it). */
  cached?: (saved: Saved) => unknown;
  /** After the answer is shown, before a new record's page opens. */
  onSaved?: (saved: Saved, form: FormInstance<V>) => void;
  pathOf: (saved: Saved) => string;
  initialValues?: FormProps<V>['initialValues'];
  /** The caller may read the record but not change it: every control is disabled. */
  readOnly?: boolean;
}

/**
 * The setup the record editors (webhook, form, inbound trigger) share: an antd form, a save that
 * creates or updates, 已保存 and the cache updated, the server's field problems on their fields in the
 * console's language (the rest above the form), and a new record's page opened once it is saved.
 */
export function useEditorForm<V, Body, Saved>(o: EditorFormOptions<V, Body, Saved>) {
  const { t } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const applyFieldErrors = useFieldErrors();
  const [unplaced, setUnplaced] = useState<string[]>([]);

  const save = useMutation({
    mutationFn: o.send,
    onSuccess: (saved) => {
      message.success(t('common.saved'));
      queryClient.setQueryData(o.recordKey(saved), o.cached ? o.cached(saved) : saved);
      void queryClient.invalidateQueries({ queryKey: o.listKey });
      o.onSaved?.(saved, form);
      if (o.isNew) navigate(o.pathOf(saved), { replace: true });
    },
    onError: (e) => setUnplaced(applyFieldErrors(form, e, o.fields, o.fieldOf)),
  });

  const onFinish = (values: V) => {
    setUnplaced([]);
    const body = o.toBody(values, form);
    if (body !== undefined) save.mutate(body);
  };

  return {
    form,
    save,
    /** For an ErrorAlert above the form: what no field shows, or null. */
    unplaced: unplaced.length ? unplaced : null,
    /** Spread on the editor's <Form>. */
    formProps: { form, layout: 'vertical' as const, scrollToFirstError: true, initialValues: o.initialValues, onFinish, disabled: o.readOnly },
  };
}

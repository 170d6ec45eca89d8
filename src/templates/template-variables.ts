import type { ErrorParams } from '../common/api-error';

/**
 * The variables a body template may use. A namespace maps to the fields it knows, or to 'any'
 * when its content is free (an event payload, a form submission, an inbound request).
 */
export const CUSTOMER_FIELDS = [
  'id',
  'name',
  'wechatNickname',
  'mobile',
  'email',
  'activityScore',
  'attributes',
  'createdAt',
  'updatedAt',
  'unsubscribedAt',
  'firstName',
  'lastName',
  'enabled',
] as const;

type Namespace = { fields: readonly string[]; open: readonly string[] } | 'any';

export const TEMPLATE_NAMESPACES: Record<string, Namespace> = {
  customer: { fields: CUSTOMER_FIELDS, open: ['attributes'] },
  event: 'any',
  form: 'any',
  submission: 'any',
  journey: { fields: ['id', 'name', 'runId', 'version'], open: [] },
  /** A journey run's trigger occurrence: the event, the form submission, the inbound request. */
  trigger: 'any',
  /** Earlier webhook nodes of a journey run: nodes.<id>.response.{status,headers,body}. */
  nodes: 'any',
  inbound: { fields: ['data', 'headers', 'query', 'params'], open: ['data', 'headers', 'query', 'params'] },
  message: { fields: ['id', 'timestamp'], open: [] },
  webhook: { fields: ['id', 'name'], open: [] },
  broadcast: { fields: ['id', 'name', 'scheduledAt'], open: [] },
  /** The message's one-click opt-out link for its customer (`<PUBLIC_URL>/u/<token>`); null without a customer. */
  unsubscribe_url: { fields: [], open: [] },
};

/** DCE 5.0's `{{$$.Name$$}}` variables, mapped to ours. */
export const DCE_VARIABLES: Record<string, string> = {
  ID: 'customer.id',
  Name: 'customer.name',
  Email: 'customer.email',
  FirstName: 'customer.firstName',
  LastName: 'customer.lastName',
  CreatedAt: 'customer.createdAt',
  Enabled: 'customer.enabled',
};

export interface UnknownVariable {
  code: 'unknown_variable' | 'variable_has_no_fields';
  params: ErrorParams;
  message: string;
}

/** Why a variable path is not allowed (a field code, its params and the English), or undefined when it is. */
export function unknownVariable(segments: (string | number)[]): UnknownVariable | undefined {
  const [root, field] = segments;
  const variable = segments.join('.');
  const ns = TEMPLATE_NAMESPACES[String(root)];
  if (!ns) {
    const known = Object.keys(TEMPLATE_NAMESPACES);
    return { code: 'unknown_variable', params: { variable, known }, message: `unknown variable "${variable}": namespaces are ${known.join(', ')}` };
  }
  if (ns === 'any' || field === undefined) return undefined;
  if (!ns.fields.length) {
    return { code: 'variable_has_no_fields', params: { variable: String(root) }, message: `unknown variable "${variable}": ${root} has no fields` };
  }
  if (!ns.fields.includes(String(field))) {
    const known = ns.fields.map((f) => `${root}.${f}`);
    return { code: 'unknown_variable', params: { variable, known }, message: `unknown variable "${variable}": ${root} has ${ns.fields.join(', ')}` };
  }
  if (segments.length > 2 && !ns.open.includes(String(field))) {
    return {
      code: 'variable_has_no_fields',
      params: { variable: `${root}.${field}` },
      message: `unknown variable "${variable}": ${root}.${field} has no fields`,
    };
  }
  return undefined;
}

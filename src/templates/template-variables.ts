/**
 * The variables a body template may use. A namespace maps to the fields it knows, or to 'any'
 * when its content is free (an event payload, a form submission, an inbound request).
 */
export const CUSTOMER_FIELDS = [
  'id', 'name', 'wechatNickname', 'mobile', 'email', 'activityScore', 'attributes',
  'createdAt', 'updatedAt', 'firstName', 'lastName', 'enabled',
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

/** Why a variable path is not allowed, or undefined when it is. */
export function unknownVariableReason(segments: (string | number)[]): string | undefined {
  const [root, field] = segments;
  const ns = TEMPLATE_NAMESPACES[String(root)];
  if (!ns) return `unknown variable "${segments.join('.')}": namespaces are ${Object.keys(TEMPLATE_NAMESPACES).join(', ')}`;
  if (ns === 'any' || field === undefined) return undefined;
  if (!ns.fields.includes(String(field))) {
    return `unknown variable "${segments.join('.')}": ${root} has ${ns.fields.join(', ')}`;
  }
  if (segments.length > 2 && !ns.open.includes(String(field))) {
    return `unknown variable "${segments.join('.')}": ${root}.${field} has no fields`;
  }
  return undefined;
}

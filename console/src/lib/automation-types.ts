/** Shapes of the journey, form and inbound-trigger answers the console reads (README's API tables). */

export const JOURNEY_STATUSES = ['draft', 'active', 'paused', 'archived'] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];
export const RUN_STATUSES = ['active', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TRIGGER_TYPES = ['group_entry', 'event', 'attribute_threshold', 'form_submitted', 'inbound'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];
export const NODE_TYPES = ['webhook', 'wait', 'condition', 'update_customer', 'end'] as const;
export type NodeType = (typeof NODE_TYPES)[number];
export type LinkKey = 'next' | 'then' | 'else';

export interface JourneyTrigger {
  type: TriggerType;
  event?: string;
  field?: string;
  op?: string;
  value?: unknown;
  groupId?: number;
  formId?: number;
  inboundTriggerId?: number;
}

/** One node as the API stores it; the keys a type does not use stay absent. */
export interface JourneyNode {
  id: string;
  type: NodeType;
  label?: string;
  position?: { x: number; y: number };
  next?: string;
  // webhook
  webhookId?: number;
  onFailure?: 'stop' | 'continue';
  // wait
  seconds?: number;
  until?: string;
  // condition
  rule?: unknown;
  then?: string;
  else?: string;
  // update_customer
  set?: Record<string, unknown>;
  activityDelta?: number;
  addToGroupId?: number;
  removeFromGroupId?: number;
}

export interface JourneyCounters {
  entered: number;
  active: number;
  waiting: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface Journey {
  id: number;
  name: string;
  status: JourneyStatus;
  reentry: 'once' | 'always';
  trigger: JourneyTrigger;
  start: string;
  nodes: JourneyNode[];
  version: number;
  activatedAt: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  counters: JourneyCounters;
}

export interface JourneyRun {
  id: string;
  journeyId: number;
  versionId: number;
  customerId: number | null;
  occurrence: string;
  status: RunStatus;
  nodeId: string | null;
  dueAt: string | null;
  waitingDeliveryId: string | null;
  steps: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  updatedAt: string;
}

export interface RunStep {
  nodeId: string;
  type: NodeType;
  outcome: string;
  startedAt: string;
  finishedAt: string | null;
  deliveryId: string | null;
  detail: Record<string, unknown> | null;
}

export interface RunDetail extends JourneyRun {
  context: Record<string, unknown>;
  stepLog: RunStep[];
}

export const FORM_FIELD_TYPES = ['text', 'email', 'tel', 'number', 'textarea', 'select', 'checkbox'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export interface FormField {
  name: string;
  label: string;
  type: FormFieldType;
  required?: boolean;
  options?: { value: string; label: string }[];
  maps?: string;
  placeholder?: string;
}

export interface HeraldForm {
  id: number;
  name: string;
  key: string;
  publicUrl: string;
  title: string | null;
  description: string | null;
  fields: FormField[];
  webhookIds: number[];
  thankYouText: string | null;
  redirectUrl: string | null;
  enabled: boolean;
  submissionCount?: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface FormSubmission {
  id: string;
  formId: number;
  customerId: number | null;
  data: Record<string, unknown>;
  clientAddress: string | null;
  userAgent: string | null;
  createdAt: string;
  deliveries: { id: string; webhookId: number; status: string }[];
  runs: { id: string; journeyId: number; status: RunStatus }[];
}

export const INBOUND_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export const INBOUND_VERDICTS = [
  'accepted', 'answered', 'timeout', 'run_failed', 'duplicate',
  'bad_request', 'unauthorized', 'forbidden', 'disabled', 'method_not_allowed', 'too_large',
] as const;

/** Secrets are masked hints (••••••abcd) except in the answers to create and rotate-secret. */
export interface InboundChecks {
  hmac: { header: string; algorithm: 'sha256' | 'sha1'; secret: string | null } | null;
  standardWebhooks: { secret: string | null } | null;
  token: { header: string; value: string | null } | null;
  ipAllowlist: string[];
}

export interface InboundTrigger {
  id: number;
  name: string;
  key: string;
  url: string;
  enabled: boolean;
  methods: string[];
  mode: 'async' | 'sync';
  syncTimeoutMs: number;
  journeyId: number | null;
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
  customerMatch: { mobile?: string; email?: string } | null;
  idHeader: string | null;
  checks: InboundChecks;
  createdAt: string;
  updatedAt: string;
}

export interface InboundRequest {
  id: string;
  receivedAt: string;
  method: string;
  clientIp: string;
  headers: Record<string, string>;
  query: Record<string, unknown>;
  body: string;
  bodyTruncated: boolean;
  deliveryKey: string | null;
  verdict: string;
  status: number;
  runId: string | null;
  error: string | null;
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
  durationMs: number | null;
}

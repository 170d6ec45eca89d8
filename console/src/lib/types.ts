/** Shapes of the API answers the console reads (see README's API tables). */
export interface Delivery {
  id: string;
  webhookId: number;
  source: string;
  event: string;
  customerId: number | null;
  broadcastId: number | null;
  status: string;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastErrorClass: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Attempt {
  number: number;
  startedAt: string;
  durationMs: number;
  verdict: string;
  request: { headers: Record<string, string> };
  response: { status: number; headers: Record<string, string>; body: string; truncated: boolean } | null;
  error: { class: string; message: string } | null;
}

export interface DeliveryDetail extends Delivery {
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  attemptLog: Attempt[];
}

export interface Webhook {
  id: number;
  name: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  bodyTemplate: unknown;
  signatureScheme: string;
  secret: string | null;
  previousSecretExpiresAt: string | null;
  basicAuth: { username: string; password: string } | null;
  triggerType: 'manual' | 'event';
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  timeoutMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  concurrency: number;
  rateLimitPerMinute: number | null;
  /** Consecutive failed attempts that open the circuit (0: off). */
  circuitBreakerThreshold: number;
  circuit: { state: 'closed' | 'open' | 'half_open'; openedAt: string | null; reason: string | null; failures: number } | null;
  lastDelivery?: { id: string; status: string; statusCode: number | null; errorClass: string | null; at: string } | null;
}

export interface Broadcast {
  id: number;
  name: string;
  webhookId: number;
  groupId: number;
  status: string;
  scheduledAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  total: number;
  pending: number;
  delivered: number;
  failed: number;
  cancelled: number;
  fanoutDone: boolean;
  createdAt: string;
}

export interface Group {
  id: number;
  name: string;
  description: string | null;
  type: 'static' | 'dynamic';
  rule: unknown;
  memberCount?: number;
  createdAt: string;
}

export const FIXED_EVENTS = [
  'loyalty/membership_level_up', 'loyalty/membership_level_down', 'loyalty/loyalty_dispatch_coupon',
  'loyalty/membership_draw_coupon', 'loyalty/membership_redeem_coupon', 'customer/created', 'customer/updated', 'customer/deleted',
];
export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed', 'cancelled'];
export const DELIVERY_SOURCES = ['test', 'broadcast', 'event', 'journey', 'form'];
export const BROADCAST_STATUSES = ['scheduled', 'sending', 'completed', 'completed_with_failures', 'cancelled'];

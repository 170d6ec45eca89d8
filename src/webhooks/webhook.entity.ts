import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Rule } from '../groups/segment-rule';
import { CreatedAt, UpdatedAt } from '../database/columns';
import type { CircuitState } from './circuit-breaker';
import type { SignatureScheme } from '../signing/sign';

import type { HttpMethod, TriggerType } from './webhook.types';

export { HTTP_METHODS, TRIGGER_TYPES } from './webhook.types';
export type { HttpMethod, TriggerType } from './webhook.types';

/**
 * A registered endpoint. Secrets are kept to sign with (they cannot be hashed), sealed at rest
 * (SecretBox: AES-256-GCM under SECRETS_KEY), and never leave the service unmasked. URL userinfo
 * is moved into basic auth on save, never stored in `url`.
 */
@Entity('webhooks')
@Index('IDX_webhooks_tenant_trigger', ['tenantId', 'triggerType', 'enabled'])
export class Webhook {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  @Column({ length: 100 })
  name: string;

  @Column({ length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 8, default: 'POST' })
  method: HttpMethod;

  @Column({ type: 'json' })
  headers: Record<string, string>;

  /** JSON (any shape); `any` because TypeORM's partial-entity types reject `unknown`. */
  @Column({ type: 'json', nullable: true })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  bodyTemplate: any;

  /** Sealed (`v1:<keyId>:...`); WebhooksService opens it for the engine only. */
  @Column({ type: 'text', nullable: true, select: false })
  secret: string | null;

  @Column({ type: 'text', nullable: true, select: false })
  previousSecret: string | null;

  /** What the API shows of the secret (masked, the last 4 characters of a long one), kept so views never decrypt. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  secretHint: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ type: 'varchar', length: 16 })
  signatureScheme: SignatureScheme;

  @Column({ type: 'varchar', length: 200, nullable: true })
  basicAuthUsername: string | null;

  /** Sealed, like `secret`. */
  @Column({ type: 'text', nullable: true, select: false })
  basicAuthPassword: string | null;

  @Column({ type: 'varchar', length: 16 })
  triggerType: TriggerType;

  @Column({ type: 'json' })
  events: string[];

  @Column({ default: true })
  enabled: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason: string | null;

  @Column({ default: 10_000 })
  timeoutMs: number;

  @Column({ default: 7 })
  maxAttempts: number;

  @Column({ default: 5_000 })
  backoffBaseMs: number;

  @Column({ default: 20 })
  concurrency: number;

  @Column({ type: 'int', nullable: true })
  rateLimitPerMinute: number | null;

  /** Consecutive failed attempts that open the circuit (0: no breaker). */
  @Column({ default: 20 })
  circuitBreakerThreshold: number;

  /** When a 2xx answer is a success (success-rule.ts); null: the status alone, as HTTP says. */
  @Column({ type: 'json', nullable: true })
  successRule: Rule | null;

  /** Whether an answer the rule rejects is tried again (a robot's rate limit) or fails at once (the default). */
  @Column({ default: false })
  retryRejected: boolean;

  /**
   * A transactional webhook (an order or coupon notice the customer expects) is exempt from the marketing
   * controls: quiet hours, frequency caps and opt-outs never hold its messages back.
   */
  @Column({ default: false })
  transactional: boolean;

  // The circuit's state as last changed (the engine's copy is in Redis): what the API shows.
  @Column({ type: 'varchar', length: 16, default: 'closed' })
  circuitState: CircuitState;

  @Column({ default: 0 })
  circuitFailures: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  circuitOpenedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  circuitReason: string | null;

  /** Orders the row's copy: a change lands only if its epoch is newer. */
  @Column({ default: 0 })
  circuitEpoch: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true, select: false })
  deletedAt: Date | null;
}

/** The sealed columns, hidden by default, for the few places that sign or authenticate. */
export const WEBHOOK_SECRET_COLUMNS = ['secret', 'previousSecret', 'basicAuthPassword'] as const;

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import type { HmacAlgorithm } from './inbound-checks';

export const INBOUND_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type InboundMethod = (typeof INBOUND_METHODS)[number];
export const INBOUND_MODES = ['async', 'sync'] as const;
export type InboundMode = (typeof INBOUND_MODES)[number];

/** The checks as shown: which ones are on and how, and each secret's masked hint — never the secrets (sealed columns). */
export interface PublicChecks {
  hmac?: { header: string; algorithm: HmacAlgorithm; hint?: string | null };
  standardWebhooks?: { hint?: string | null };
  token?: { header: string; hint?: string | null };
  ipAllowlist?: string[];
}

/** The secrets in the clear, in memory only. */
export interface TriggerSecrets {
  hmac?: string;
  standardWebhooks?: string;
  token?: string;
}

export const SECRET_COLUMNS = { hmac: 'hmacSecret', standardWebhooks: 'standardWebhooksSecret', token: 'tokenSecret' } as const;

export interface InboundResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON body template, rendered with the run's context (`nodes.crm.response.body.id`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * A NocoBase-style webhook trigger: outside systems call `/hooks/:key`, Herald checks them, logs
 * the request, and starts the named journey — answering at once (async) or with the run's result
 * (sync, bounded by syncTimeoutMs).
 */
@Entity('inbound_triggers')
@Index('UQ_inbound_triggers_key', ['key'], { unique: true })
@Index('IDX_inbound_triggers_tenant_id', ['tenantId', 'id'])
export class InboundTrigger {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  @Column({ length: 200 })
  name: string;

  /** The URL's secret part: /hooks/<key>. */
  @Column({ length: 64 })
  key: string;

  @Column({ default: true })
  enabled: boolean;

  @Column({ type: 'json' })
  methods: InboundMethod[];

  @Column({ type: 'varchar', length: 8 })
  mode: InboundMode;

  @Column({ default: 10_000 })
  syncTimeoutMs: number;

  /** The journey each accepted request starts (its trigger must be of type inbound). */
  @Column({ type: 'int', nullable: true })
  journeyId: number | null;

  @Column({ type: 'json', nullable: true })
  response: InboundResponse | null;

  /** Which customer the run is about: `{"mobile": "data.phone"}` or `{"email": "data.user.email"}` (found or created). */
  @Column({ type: 'json', nullable: true })
  customerMatch: { mobile?: string; email?: string } | null;

  @Column({ type: 'json' })
  checks: PublicChecks;

  /** The checks' secrets, sealed with SECRETS_KEY (SecretBox); opened only to check a caller. */
  @Column({ type: 'text', nullable: true, select: false })
  hmacSecret: string | null;

  @Column({ type: 'text', nullable: true, select: false })
  standardWebhooksSecret: string | null;

  @Column({ type: 'text', nullable: true, select: false })
  tokenSecret: string | null;

  /** A header whose value identifies a delivery (besides webhook-id and X-GitHub-Delivery): duplicates start one run. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  idHeader: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true, select: false })
  deletedAt: Date | null;
}

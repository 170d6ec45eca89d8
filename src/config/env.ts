import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, validateSync } from 'class-validator';
import ipaddr from 'ipaddr.js';
import { isIP } from 'net';
import { SECRETS_KEY_LIST_TEXT, SECRETS_KEY_TEXT } from './secrets-key-text';

// Reads the raw string: implicit conversion would already have made "false" truthy.
const toBool = ({ obj, key }: { obj: Record<string, unknown>; key: string }) =>
  obj[key] === undefined ? undefined : ['true', '1', 'yes'].includes(String(obj[key]).toLowerCase());

/** Every environment variable Herald reads. Defaults point at the local services of scripts/services.sh. */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsIn(['mariadb', 'mysql'])
  DB_TYPE: 'mariadb' | 'mysql' = 'mariadb';

  @IsString()
  DB_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(65535)
  DB_PORT: number = 3307;

  @IsString()
  DB_USER: string = 'root';

  @IsString()
  DB_PASSWORD: string = '';

  @IsString()
  @MinLength(1)
  DB_NAME: string = 'herald';

  @IsInt()
  @Min(1)
  @Max(1000)
  DB_POOL_SIZE: number = 20;

  @IsString()
  REDIS_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(65535)
  REDIS_PORT: number = 6380;

  @IsOptional()
  @IsString()
  REDIS_PASSWORD?: string;

  /** Prefix of every bull key, so several deployments (or test runs) can share one Redis. */
  @IsString()
  @MinLength(1)
  REDIS_PREFIX: string = 'herald';

  /** Guards tenant bootstrap and the queue dashboard. Unset: those endpoints are refused. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  ADMIN_TOKEN?: string;

  /**
   * Seals webhook secrets and passwords at rest (AES-256-GCM): 32 bytes as hex or base64. Required
   * in production; `npm run up` keeps one in .data/secrets-key, tests pass their own. Every process
   * that serves or sends needs it (SecretsModule refuses to start without it).
   */
  @IsOptional()
  @Matches(SECRETS_KEY_TEXT, { message: 'SECRETS_KEY must be 32 bytes written as 64 hex digits or base64' })
  SECRETS_KEY?: string;

  /** Earlier keys, comma-separated: they still open what they sealed until `npm run secrets:rotate` re-seals it. */
  @IsOptional()
  @Matches(SECRETS_KEY_LIST_TEXT, { message: 'SECRETS_KEY_PREVIOUS must be keys of 32 bytes (hex or base64), comma-separated' })
  SECRETS_KEY_PREVIOUS?: string;

  @Transform(toBool)
  @IsBoolean()
  ALLOW_PRIVATE_TARGETS: boolean = false;

  /**
   * Addresses or CIDRs (comma-separated) webhooks may reach even when ALLOW_PRIVATE_TARGETS is
   * false — one internal CRM, say, without opening the whole private network (and the cloud
   * metadata address with it). Matched against the resolved address at connect time.
   */
  @ValidateBy({
    name: 'addressList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && targetAllowlist(value).every(isAddressOrCidr),
      defaultMessage: () => 'TARGET_ALLOWLIST must be IP addresses or CIDRs (e.g. 10.1.2.3,10.8.0.0/16,fd00::/8), comma-separated',
    },
  })
  TARGET_ALLOWLIST: string = '';

  /** Jobs each worker runs at once: first attempts, and retries (kept apart so retries never starve fresh messages). */
  @IsInt()
  @Min(1)
  @Max(1000)
  DELIVERY_CONCURRENCY: number = 50;

  @IsInt()
  @Min(1)
  @Max(1000)
  RETRY_CONCURRENCY: number = 10;

  /** Journey step jobs a worker runs at once (each steps up to 100 runs). */
  @IsInt()
  @Min(1)
  @Max(100)
  JOURNEY_CONCURRENCY: number = 4;

  /**
   * How long a worker's claim on a batch of messages lasts before the sweeper may give them to
   * another worker (after a crash). Renewed before each send for the request's timeout.
   */
  @IsInt()
  @Min(2_000)
  @Max(600_000)
  DELIVERY_CLAIM_MS: number = 30_000;

  /** The sweeper re-enqueues deliveries the database says are due but no job picked up. */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  SWEEP_INTERVAL_MS: number = 5_000;

  /** How overdue a pending delivery must be before the sweeper re-enqueues it. */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  SWEEP_GRACE_MS: number = 30_000;

  /** How often the worker's event relay looks for new outbox events when it has nothing to do. */
  @IsInt()
  @Min(20)
  @Max(60_000)
  RELAY_INTERVAL_MS: number = 250;

  /** Messages, attempts, relayed events, journey step logs and inbound request logs older than this are purged (0: keep all). */
  @IsInt()
  @Min(0)
  @Max(3650)
  RETENTION_DAYS: number = 30;

  /** How often a worker purges (one worker at a time), rows per batch, and the pause between batches. */
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  RETENTION_INTERVAL_MS: number = 3_600_000;

  @IsInt()
  @Min(10)
  @Max(100_000)
  RETENTION_BATCH: number = 1000;

  @IsInt()
  @Min(0)
  @Max(60_000)
  RETENTION_PAUSE_MS: number = 50;

  /** Audit-log entries older than this are purged with the rest (0: keep all). */
  @IsInt() @Min(0) @Max(36500) AUDIT_RETENTION_DAYS: number = 365;

  /** Worker's Prometheus port (0: off). The api serves /metrics on its own port. */
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT: number = 9464;

  /** How long an open circuit (a webhook failing again and again) holds its messages before one probe goes. */
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  CIRCUIT_COOLDOWN_MS: number = 60_000;

  /** Wall time one message's body template may take to render (LiquidJS, all leaves together). */
  @IsInt()
  @Min(1)
  @Max(10_000)
  TEMPLATE_TIME_LIMIT_MS: number = 50;

  /** LiquidJS memory units one message may use (range/array elements, string filter characters). */
  @IsInt()
  @Min(1_000)
  @Max(1_000_000_000)
  TEMPLATE_MEMORY_LIMIT: number = 1_000_000;

  /** Largest rendered body of one message, in bytes (also the characters Liquid may write). */
  @IsInt()
  @Min(1_024)
  @Max(8 * 1024 * 1024)
  TEMPLATE_OUTPUT_LIMIT_BYTES: number = 256 * 1024;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsString()
  PUBLIC_URL: string = '';

  /**
   * Which proxies' X-Forwarded-For to believe (client addresses for inbound IP allowlists and form
   * rate limits): false (default: the socket's address), true, loopback, a CIDR list, or a hop count.
   */
  @IsString()
  TRUST_PROXY: string = 'false';

  /** Largest body /hooks/:key accepts (413 beyond, logged). */
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  INBOUND_BODY_LIMIT_BYTES: number = 1024 * 1024;

  /** Console sign-in: how long a session lives without use (sliding). */
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  SESSION_TTL_HOURS: number = 168;

  /** Console sign-in: failed passwords per email, and attempts per client address, per window. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOGIN_MAX_FAILURES_PER_EMAIL: number = 10;

  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: number = 50;

  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_WINDOW_SECONDS: number = 900;

  /** Submissions one client address may post to one form per minute (0: no limit). */
  @IsInt()
  @Min(0)
  @Max(100_000)
  FORM_RATE_LIMIT_PER_MINUTE: number = 10;
}

export class ConfigError extends Error {}

/** Variables without a default (so not among `new Env()`'s keys). */
export const OPTIONAL_ENV = ['REDIS_PASSWORD', 'ADMIN_TOKEN', 'SECRETS_KEY', 'SECRETS_KEY_PREVIOUS'] as const;

/** Reads and validates the environment; throws naming every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const known = Object.keys(new Env());
  const picked: Record<string, unknown> = {};
  for (const key of [...known, ...OPTIONAL_ENV]) {
    if (source[key] !== undefined && source[key] !== '') picked[key] = source[key];
  }
  const env = plainToInstance(Env, picked, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { forbidUnknownValues: true });
  if (env.NODE_ENV === 'production' && !env.SECRETS_KEY) {
    errors.push({ property: 'SECRETS_KEY', constraints: { required: 'SECRETS_KEY is required in production (32 bytes, hex or base64)' } } as never);
  }
  if (errors.length) {
    // Constraint messages only: a value (a key, a password) is never echoed.
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return env;
}

/** TARGET_ALLOWLIST's entries. */
export function targetAllowlist(value: string): string[] {
  return value
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** A plain address (as the resolver gives them: `10.1.2.3`, `fd00::1`) or a CIDR of one. */
function isAddressOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !isIP(address)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && ipaddr.isValidCIDR(entry));
}

/** TRUST_PROXY as express's `trust proxy` setting. */
export function trustProxySetting(value: string): boolean | number | string {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return value.trim();
}

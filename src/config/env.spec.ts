import { ConfigError, loadEnv } from './env';

describe('loadEnv', () => {
  it('defaults to the local services', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ DB_PORT: 3307, REDIS_PORT: 6380, DB_TYPE: 'mariadb', ALLOW_PRIVATE_TARGETS: false });
  });

  it('converts numbers and booleans from strings', () => {
    const env = loadEnv({ PORT: '8080', ALLOW_PRIVATE_TARGETS: 'true' });
    expect(env.PORT).toBe(8080);
    expect(env.ALLOW_PRIVATE_TARGETS).toBe(true);
    expect(loadEnv({ ALLOW_PRIVATE_TARGETS: 'false' }).ALLOW_PRIVATE_TARGETS).toBe(false);
  });

  it('names every bad variable', () => {
    expect(() => loadEnv({ DB_PORT: 'abc', DB_TYPE: 'postgres', ADMIN_TOKEN: 'short' })).toThrow(ConfigError);
    try {
      loadEnv({ DB_PORT: 'abc', DB_TYPE: 'postgres', ADMIN_TOKEN: 'short' });
    } catch (error) {
      expect((error as Error).message).toMatch(/DB_PORT/);
      expect((error as Error).message).toMatch(/DB_TYPE/);
      expect((error as Error).message).toMatch(/ADMIN_TOKEN/);
    }
  });

  it('limits form submissions per client address: 10 a minute by default, 0 turns it off, nonsense stops the boot', () => {
    expect(loadEnv({}).FORM_RATE_LIMIT_PER_MINUTE).toBe(10);
    expect(loadEnv({ FORM_RATE_LIMIT_PER_MINUTE: '0' }).FORM_RATE_LIMIT_PER_MINUTE).toBe(0);
    expect(() => loadEnv({ FORM_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/FORM_RATE_LIMIT_PER_MINUTE/);
    expect(() => loadEnv({ FORM_RATE_LIMIT_PER_MINUTE: 'many' })).toThrow(/FORM_RATE_LIMIT_PER_MINUTE/);
  });

  it('takes a target allowlist of plain addresses and CIDRs, nothing else', () => {
    expect(loadEnv({}).TARGET_ALLOWLIST).toBe('');
    expect(loadEnv({ TARGET_ALLOWLIST: '10.1.2.3, 10.8.0.0/16,fd00::/8,::1' }).TARGET_ALLOWLIST).toBe('10.1.2.3, 10.8.0.0/16,fd00::/8,::1');
    for (const bad of ['crm.internal', '127.1', '10.0.0.0/33', '10.0.0.0/8/1', '0x7f.1', '10.0.0.0/x']) {
      expect(() => loadEnv({ TARGET_ALLOWLIST: bad })).toThrow(/TARGET_ALLOWLIST must be IP addresses or CIDRs/);
    }
  });

  it('takes the circuit cool-down', () => {
    expect(loadEnv({}).CIRCUIT_COOLDOWN_MS).toBe(60_000);
    expect(loadEnv({ CIRCUIT_COOLDOWN_MS: '500' }).CIRCUIT_COOLDOWN_MS).toBe(500);
    expect(() => loadEnv({ CIRCUIT_COOLDOWN_MS: '10' })).toThrow(/CIRCUIT_COOLDOWN_MS/);
  });

  it('bounds the template limits', () => {
    expect(loadEnv({})).toMatchObject({ TEMPLATE_TIME_LIMIT_MS: 50, TEMPLATE_MEMORY_LIMIT: 1_000_000, TEMPLATE_OUTPUT_LIMIT_BYTES: 262_144 });
    expect(() => loadEnv({ TEMPLATE_TIME_LIMIT_MS: '0' })).toThrow(/TEMPLATE_TIME_LIMIT_MS/);
    expect(() => loadEnv({ TEMPLATE_OUTPUT_LIMIT_BYTES: '100000000' })).toThrow(/TEMPLATE_OUTPUT_LIMIT_BYTES/);
  });
});

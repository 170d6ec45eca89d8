import { execFileSync, spawnSync } from 'child_process';
import { join } from 'path';
import { parse } from 'yaml';
import { Env } from '../src/config/env';
import { ROOT } from './support/processes';

const COMPOSE = join(ROOT, 'docker', 'docker-compose.yml');
const SECRETS = { DB_PASSWORD: 'compose-test-password', ADMIN_TOKEN: 'compose-test-admin-token' };

describe('docker/', () => {
  it('docker-compose accepts the compose file', () => {
    const result = spawnSync('docker-compose', ['-f', COMPOSE, 'config', '-q'], {
      env: { PATH: process.env.PATH, ...SECRETS }, encoding: 'utf8',
    });
    if (result.error) throw new Error(`docker-compose is not installed (apt-get install docker-compose): ${result.error.message}`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses to render without the secrets', () => {
    const result = spawnSync('docker-compose', ['-f', COMPOSE, 'config', '-q'], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/DB_PASSWORD/);
  });

  it('gives api, worker and migrate only variables the app knows, pointing at mysql and redis', () => {
    const rendered = parse(execFileSync('docker-compose', ['-f', COMPOSE, 'config'], { env: { PATH: process.env.PATH, ...SECRETS } }).toString());
    const known = new Set([...Object.keys(new Env()), 'REDIS_PASSWORD', 'ADMIN_TOKEN']);
    for (const name of ['api', 'worker', 'migrate']) {
      const service = rendered.services[name];
      const environment: Record<string, string> = service.environment;
      for (const key of Object.keys(environment)) expect(known.has(key) ? key : `unknown ${key} in ${name}`).toBe(key);
      expect(environment).toMatchObject({ DB_TYPE: 'mysql', DB_HOST: 'mysql', REDIS_HOST: 'redis', ADMIN_TOKEN: SECRETS.ADMIN_TOKEN });
    }
    expect(rendered.services.api.command).toEqual(['node', 'dist/src/main.js']);
    expect(rendered.services.worker.command).toEqual(['node', '--max-old-space-size=256', '--max-semi-space-size=32', 'dist/src/worker.js']);
    expect(rendered.services.migrate.command).toEqual(['node', 'dist/src/database/migrate.js']);
    expect(rendered.services.mysql.image).toMatch(/^mysql:8/);
    expect(rendered.services.redis.image).toMatch(/^redis:7/);
  });
});

import { execFileSync, spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { Env, loadEnv, OPTIONAL_ENV } from '../src/config/env';
import { ROOT } from './support/processes';

const COMPOSE = join(ROOT, 'docker', 'docker-compose.yml');
const SECRETS = {
  DB_PASSWORD: 'compose-test-password',
  ADMIN_TOKEN: 'compose-test-admin-token',
  SECRETS_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
};

describe('docker/', () => {
  it('docker-compose accepts the compose file', () => {
    const result = spawnSync('docker-compose', ['-f', COMPOSE, 'config', '-q'], {
      env: { PATH: process.env.PATH, ...SECRETS },
      encoding: 'utf8',
    });
    if (result.error) throw new Error(`docker-compose is not installed (apt-get install docker-compose): ${result.error.message}`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses to render without the secrets', () => {
    const result = spawnSync('docker-compose', ['-f', COMPOSE, 'config', '-q'], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/DB_PASSWORD/);
    const noKey = spawnSync('docker-compose', ['-f', COMPOSE, 'config', '-q'], {
      env: { PATH: process.env.PATH, DB_PASSWORD: SECRETS.DB_PASSWORD, ADMIN_TOKEN: SECRETS.ADMIN_TOKEN },
      encoding: 'utf8',
    });
    expect(noKey.status).not.toBe(0);
    expect(noKey.stderr).toMatch(/SECRETS_KEY/);
  });

  it('gives api, worker and migrate only variables the app knows, pointing at mysql and redis', () => {
    const rendered = parse(execFileSync('docker-compose', ['-f', COMPOSE, 'config'], { env: { PATH: process.env.PATH, ...SECRETS } }).toString());
    const known = new Set([...Object.keys(new Env()), ...OPTIONAL_ENV]);
    for (const name of ['api', 'worker', 'migrate']) {
      const service = rendered.services[name];
      const environment: Record<string, string> = service.environment;
      for (const key of Object.keys(environment)) expect(known.has(key) ? key : `unknown ${key} in ${name}`).toBe(key);
      expect(environment).toMatchObject({
        DB_TYPE: 'mysql',
        DB_HOST: 'mysql',
        REDIS_HOST: 'redis',
        ADMIN_TOKEN: SECRETS.ADMIN_TOKEN,
        SECRETS_KEY: SECRETS.SECRETS_KEY,
      });
      expect(loadEnv({ ...environment, NODE_ENV: 'production' }).SECRETS_KEY).toBe(SECRETS.SECRETS_KEY);
    }
    expect(rendered.services.api.command).toEqual(['node', 'dist/src/main.js']);
    expect(rendered.services.worker.command).toEqual(['node', '--max-old-space-size=256', '--max-semi-space-size=32', 'dist/src/worker.js']);
    expect(rendered.services.migrate.command).toEqual(['node', 'dist/src/database/migrate.js']);
    expect(rendered.services.mysql.image).toMatch(/^mysql:8/);
    expect(rendered.services.redis.image).toMatch(/^redis:7/);
  });

  it('the image takes SECRETS_KEY from the environment at run time, never baked in', () => {
    const dockerfile = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('SECRETS_KEY');
    expect(dockerfile).not.toMatch(/^\s*(ENV|ARG)\s+SECRETS_KEY/m);
  });
});

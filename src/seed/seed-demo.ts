import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { loadEnv } from '../config/env';
import { CustomerImportService } from '../customers/customer-import.service';
import { CustomersService } from '../customers/customers.service';
import { GroupsService } from '../groups/groups.service';
import { ApiKeysService } from '../tenants/api-keys.service';
import { Tenant } from '../tenants/tenant.entity';
import { TenantsService } from '../tenants/tenants.service';
import { DEMO_CUSTOMERS, DEMO_DYNAMIC_GROUP, DEMO_STATIC_GROUP, DEMO_TENANT } from './demo-data';

/**
 * Idempotent demo seed for local runs. The demo key is kept in a local, git-ignored file
 * (keys are stored hashed, so it cannot be read back from the database).
 * Usage: node dist/src/seed/seed-demo.js <key-file>
 */
async function main() {
  const keyFile = process.argv[2] ?? '.data/demo-api-key';
  const env = loadEnv({ ...process.env, LOG_LEVEL: 'warn' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(env), { logger: ['error', 'warn'] });
  try {
    const apiKeys = app.get(ApiKeysService);
    const saved = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '';
    let tenantRef = saved ? await apiKeys.authenticate(saved) : null;
    let key = saved;
    if (!tenantRef) {
      const existing = await app.get(DataSource).getRepository(Tenant).findOne({ where: { name: DEMO_TENANT }, order: { id: 'ASC' } });
      const issued = existing
        ? { tenant: existing, apiKey: await apiKeys.issue(existing.id, 'demo') }
        : await app.get(TenantsService).create(DEMO_TENANT, 'demo');
      key = issued.apiKey.key;
      tenantRef = { id: issued.tenant.id, apiKeyId: issued.apiKey.id };
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, key + '\n', { mode: 0o600 });
    }
    const report = await app.get(CustomerImportService).import(tenantRef, DEMO_CUSTOMERS);
    const groups = app.get(GroupsService);
    const existing = (await groups.list(tenantRef, { limit: 1000 })).items;
    let vip = existing.find((g) => g.name === DEMO_STATIC_GROUP.name);
    if (!vip) vip = await groups.create(tenantRef, DEMO_STATIC_GROUP);
    if (!existing.some((g) => g.name === DEMO_DYNAMIC_GROUP.name)) await groups.create(tenantRef, DEMO_DYNAMIC_GROUP);
    const customers = await app.get(CustomersService).search(tenantRef, { limit: 1000 });
    const gold = customers.items.filter((c) => c.attributes.tier === 'gold').map((c) => c.id);
    if (gold.length) await groups.addMembers(tenantRef, vip.id, gold);
    console.log(`demo tenant ${tenantRef.id}: ${report.created} customers created, ${report.updated} updated`);
    console.log(`DEMO_API_KEY=${key}`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

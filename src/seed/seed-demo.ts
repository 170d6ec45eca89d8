import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { AppModule } from '../app.module';
import { ConfigError, loadEnv } from '../config/env';
import { requireSecretBox } from '../secrets/secrets.module';
import { CustomerImportService } from '../customers/customer-import.service';
import { CustomersService } from '../customers/customers.service';
import { GroupsService } from '../groups/groups.service';
import { CouponsService } from '../loyalty/coupons.service';
import { MembershipsService } from '../loyalty/memberships.service';
import { ApiKeysService } from '../tenants/api-keys.service';
import type { TenantRef } from '../common/tenant-ref';
import { TenantsService } from '../tenants/tenants.service';
import { ConsoleUsersService } from '../auth/console-users.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import {
  DEMO_COUPON,
  DEMO_ROLE_USERS,
  DEMO_USER,
  DEMO_CUSTOMERS,
  DEMO_DYNAMIC_GROUP,
  DEMO_LEVELS,
  DEMO_STATIC_GROUP,
  DEMO_TENANT,
  DEMO_WEBHOOK_NAME,
} from './demo-data';

/**
 * Idempotent demo seed for local runs. The demo key is kept in a local, git-ignored file
 * (keys are stored hashed, so it cannot be read back from the database).
 * Usage: node dist/src/seed/seed-demo.js <key-file>
 * With DEMO_RECEIVER_URL (and DEMO_RECEIVER_SECRET) set, the tenant also gets the `Demo receiver` webhook.
 */
async function main() {
  const keyFile = process.argv[2] ?? '.data/demo-api-key';
  const env = loadEnv({ ...process.env, LOG_LEVEL: 'warn' });
  requireSecretBox(env);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(env), { logger: ['error', 'warn'] });
  try {
    const apiKeys = app.get(ApiKeysService);
    const saved = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '';
    let tenantRef = saved ? await apiKeys.authenticate(saved) : null;
    let key = saved;
    if (!tenantRef) {
      const existing = await app.get(TenantsService).findByName(DEMO_TENANT);
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
    await seedLoyalty(app.get(MembershipsService), app.get(CouponsService), tenantRef, vip.id);
    const consoleUsers = app.get(ConsoleUsersService);
    for (const user of [DEMO_USER, ...DEMO_ROLE_USERS]) {
      if (!(await consoleUsers.findForLogin(user.email))) await consoleUsers.create(tenantRef, user);
    }
    console.log(`demo tenant ${tenantRef.id}: ${report.created} customers created, ${report.updated} updated`);
    const receiverUrl = process.env.DEMO_RECEIVER_URL;
    if (receiverUrl) {
      const id = await seedDemoWebhook(app.get(WebhooksService), tenantRef, receiverUrl, process.env.DEMO_RECEIVER_SECRET || null);
      console.log(`DEMO_WEBHOOK_ID=${id}`);
    }
    console.log(`DEMO_LOGIN=${DEMO_USER.email} / ${DEMO_USER.password}`);
    console.log(`DEMO_ROLE_LOGINS=${DEMO_ROLE_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}, same password`);
    console.log(`DEMO_API_KEY=${key}`);
  } finally {
    await app.close();
  }
}

/** Levels, every VIP enrolled, and a coupon: enough to try level changes, dispatch, draw and redeem. */
async function seedLoyalty(memberships: MembershipsService, coupons: CouponsService, tenant: TenantRef, vipGroupId: number): Promise<void> {
  const levels = await memberships.listLevels(tenant);
  for (const level of DEMO_LEVELS) {
    if (!levels.some((l) => l.name === level.name)) await memberships.createLevel(tenant, level);
  }
  await memberships.enrol(tenant, { groupId: vipGroupId });
  const existing = await coupons.list(tenant, { limit: 1000 });
  if (!existing.items.some((c) => c.name === DEMO_COUPON.name)) {
    const start = new Date();
    await coupons.create(tenant, {
      name: DEMO_COUPON.name,
      stock: DEMO_COUPON.stock,
      startDate: start.toISOString(),
      endDate: new Date(start.getTime() + 365 * 86_400_000).toISOString(),
    });
  }
}

/**
 * The manual webhook pointing at the demo receiver's /dmhub path, DM Hub signed with the receiver's
 * secret. Found by name; a changed URL or secret (another data dir, port or receiver secret) is updated.
 */
async function seedDemoWebhook(webhooks: WebhooksService, tenant: TenantRef, receiverUrl: string, secret: string | null): Promise<number> {
  const url = `${receiverUrl.endsWith('/') ? receiverUrl : receiverUrl + '/'}dmhub`;
  const wanted = { url, secret, signatureScheme: secret ? ('dmhub' as const) : ('none' as const) };
  const found = (await webhooks.list(tenant, { limit: 1000 })).items.find((w) => w.name === DEMO_WEBHOOK_NAME);
  if (!found) return (await webhooks.create(tenant, { name: DEMO_WEBHOOK_NAME, triggerType: 'manual', ...wanted })).id;
  const current = await webhooks.findWithSecrets(tenant.id, found.id);
  if (current.url !== url || current.secret !== secret || current.signatureScheme !== wanted.signatureScheme) {
    await webhooks.update(tenant, found.id, wanted);
  }
  return found.id;
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

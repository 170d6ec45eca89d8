import { roleAccess, scopeAccess } from '../common/permissions';
import { consoleUserActor, systemActor } from '../common/tenant-ref';
import { currentAuditContext, runWithAuditContext } from './audit-context';
import { actorOf } from './audit-context.interceptor';

describe('audit context', () => {
  it('names the caller: a console user by email, an API key by its label, else the system', () => {
    expect(actorOf({ ...consoleUserActor(1, 7, roleAccess('admin')), label: 'ann@example.com' })).toEqual({ type: 'user', id: 7, label: 'ann@example.com' });
    expect(actorOf({ id: 1, apiKeyId: 3, access: scopeAccess(['admin']), label: 'crm (hk_AbCdEfG)' })).toEqual({
      type: 'apiKey',
      id: 3,
      label: 'crm (hk_AbCdEfG)',
    });
    expect(actorOf(systemActor(1))).toEqual({ type: 'system', id: null, label: null });
    expect(actorOf(undefined)).toEqual({ type: 'system', id: null, label: null });
  });

  it('is the request’s inside its run, across awaits, and the system outside any', async () => {
    const context = { actor: { type: 'user' as const, id: 7, label: 'ann@example.com' }, ip: '203.0.113.7' };
    const seen = await runWithAuditContext(context, async () => {
      await new Promise((r) => setTimeout(r, 5));
      return currentAuditContext();
    });
    expect(seen).toBe(context);
    expect(currentAuditContext()).toEqual({ actor: { type: 'system', id: null, label: null }, ip: null });
  });
});

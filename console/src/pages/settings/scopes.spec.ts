import { en } from '../../i18n/en';
import { zh } from '../../i18n/zh';
import type { MessageKey } from '../../i18n';
import { narrowest, SCOPE_PRESETS, SCOPE_RESOURCES, scopeWords, toggleScope, type Scope } from './scopes';

const tZh = (key: MessageKey) => zh[key];
const tEn = (key: MessageKey) => en[key];

describe('key scopes in the console', () => {
  it('groups the document`s scopes by resource, webhooks with their test send', () => {
    expect(SCOPE_RESOURCES.find((r) => r.resource === 'customers')?.actions).toEqual(['read', 'write']);
    expect(SCOPE_RESOURCES.find((r) => r.resource === 'webhooks')?.actions).toEqual(['read', 'test', 'write']);
    expect(SCOPE_RESOURCES.find((r) => r.resource === 'audit')?.actions).toEqual(['read']);
    // Every resource has its words in both languages.
    for (const { resource } of SCOPE_RESOURCES) {
      expect(zh[`resource.${resource}` as MessageKey]).toBeTruthy();
      expect(en[`resource.${resource}` as MessageKey]).toBeTruthy();
    }
  });

  it('ticks read with write or test, and unticks them with read; admin stands alone', () => {
    expect(toggleScope([], 'customers:write', true)).toEqual(['customers:read', 'customers:write']);
    expect(toggleScope(['webhooks:read', 'webhooks:test', 'webhooks:write'], 'webhooks:read', false)).toEqual([]);
    expect(toggleScope(['customers:read', 'customers:write'], 'customers:write', false)).toEqual(['customers:read']);
    expect(toggleScope(['admin'], 'events:write', true)).toEqual(['events:read', 'events:write']);
  });

  it('sends the narrowest list: a read another scope of its resource includes is left out', () => {
    expect(narrowest(['customers:read', 'customers:write', 'events:read', 'events:write', 'groups:read'])).toEqual([
      'customers:write',
      'events:write',
      'groups:read',
    ]);
    expect(narrowest(['webhooks:read', 'webhooks:test'])).toEqual(['webhooks:test']);
    expect(narrowest(['admin', 'customers:read'] as Scope[])).toEqual(['admin']);
  });

  it('says a key`s scopes in words, one per resource', () => {
    expect(scopeWords(['customers:write', 'events:write'], tZh)).toEqual(['客户 读写', '事件 读写']);
    expect(scopeWords(['webhooks:read', 'webhooks:test'], tZh)).toEqual(['Webhook 读、测试发送']);
    expect(scopeWords(['admin'], tZh)).toEqual(['全部权限']);
    expect(scopeWords(['overview:read'], tEn)).toEqual(['Overview read']);
  });

  it('offers presets from the narrowest to admin; read-only reads business data, not users, keys or the audit log', () => {
    expect(SCOPE_PRESETS.map((p) => p.scopes[0])).toContain('customers:write');
    const readOnly = SCOPE_PRESETS.find((p) => p.key === 'readOnly')!.scopes;
    expect(readOnly.every((s) => s.endsWith(':read'))).toBe(true);
    expect(readOnly).toContain('customers:read');
    expect(readOnly).not.toContain('keys:read');
    expect(readOnly).not.toContain('users:read');
    expect(readOnly).not.toContain('audit:read');
    expect(SCOPE_PRESETS.at(-1)!.scopes).toEqual(['admin']);
  });
});

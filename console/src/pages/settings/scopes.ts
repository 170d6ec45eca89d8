import { createApiKeyDtoScopesValues } from '../../api/schema';
import type { MessageKey } from '../../i18n';
import type { ApiKey } from '../../lib/models';

export type Scope = ApiKey['scopes'][number];
export type Action = 'read' | 'test' | 'write';
type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The document's scopes (every permission, then `admin`). */
export const SCOPES: readonly Scope[] = createApiKeyDtoScopesValues;

/** Each resource with the actions a scope can name, in the document's order (`customers` → read, write …). */
export const SCOPE_RESOURCES: { resource: string; actions: Action[] }[] = [];
for (const scope of SCOPES) {
  if (scope === 'admin') continue;
  const [resource, action] = scope.split(':') as [string, Action];
  const row = SCOPE_RESOURCES.find((r) => r.resource === resource) ?? SCOPE_RESOURCES[SCOPE_RESOURCES.push({ resource, actions: [] }) - 1];
  row.actions.push(action);
}

const scopeOf = (resource: string, action: Action) => `${resource}:${action}` as Scope;

/** Resources a "read-only" integration reads: the business data, not who may sign in, the keys or the audit trail. */
const PRIVATE = new Set(['users', 'keys', 'audit']);

/** The presets of the create form, narrowest first. */
export const SCOPE_PRESETS: { key: string; label: MessageKey; scopes: Scope[] }[] = [
  { key: 'customerSync', label: 'keys.preset.customerSync', scopes: ['customers:write'] },
  { key: 'loyaltyEvents', label: 'keys.preset.loyaltyEvents', scopes: ['events:write'] },
  {
    key: 'readOnly',
    label: 'keys.preset.readOnly',
    scopes: SCOPE_RESOURCES.filter((r) => !PRIVATE.has(r.resource)).map((r) => scopeOf(r.resource, 'read')),
  },
  { key: 'admin', label: 'keys.preset.admin', scopes: ['admin'] },
];

/**
 * Ticks a scope on or off the way the API reads them: `write` and `test` include `read`, so ticking one
 * ticks read, and unticking read unticks them.
 */
export function toggleScope(current: readonly Scope[], scope: Scope, on: boolean): Scope[] {
  const set = new Set<Scope>(current.filter((s) => s !== 'admin'));
  const [resource, action] = scope.split(':') as [string, Action];
  if (on) {
    set.add(scope);
    if (action !== 'read') set.add(scopeOf(resource, 'read'));
  } else {
    set.delete(scope);
    if (action === 'read') for (const a of ['write', 'test'] as Action[]) set.delete(scopeOf(resource, a));
  }
  return SCOPES.filter((s) => set.has(s));
}

/** What to send: the ticked scopes without a `read` another ticked scope of its resource includes (the narrowest list). */
export function narrowest(scopes: readonly Scope[]): Scope[] {
  if (scopes.includes('admin')) return ['admin'];
  return scopes.filter((s) => {
    const [resource, action] = s.split(':');
    return action !== 'read' || !scopes.some((o) => o !== s && o.startsWith(`${resource}:`));
  });
}

/** A key's scopes in words, one per resource: 「客户 读写」「Webhook 读、测试发送」, or 「全部权限」 for admin. */
export function scopeWords(scopes: readonly Scope[], t: T): string[] {
  if (scopes.includes('admin')) return [t('scope.admin')];
  const out: string[] = [];
  for (const { resource, actions } of SCOPE_RESOURCES) {
    const held = actions.filter((a) => scopes.includes(scopeOf(resource, a)));
    if (!held.length) continue;
    const words = held.includes('write') ? [t('scope.write')] : held.map((a) => t(`scope.${a}` as MessageKey));
    out.push(`${t(`resource.${resource}` as MessageKey)} ${words.join('、')}`);
  }
  return out;
}

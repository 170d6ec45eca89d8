import { DEFAULT_RENDER_LIMITS } from '../templates/render-template';
import { checkHeaders, checkWebhookConfig, headerProblems, MAX_HEADERS, MAX_TEMPLATE_BYTES, WebhookConfig } from './webhook-rules';

const base: WebhookConfig = {
  name: 'w',
  url: 'https://example.com/hook',
  method: 'POST',
  headers: {},
  bodyTemplate: null,
  secret: null,
  signatureScheme: 'none',
  basicAuthUsername: null,
  basicAuthPassword: null,
  triggerType: 'manual',
  events: [],
};
const codes = (config: Partial<WebhookConfig>) =>
  checkWebhookConfig({ ...base, ...config }, DEFAULT_RENDER_LIMITS).map((p) => ({ path: p.path, code: p.code, ...(p.params ? { params: p.params } : {}) }));

describe('webhook rules: each problem has a path, a code and its params', () => {
  it('a valid configuration has none', () => {
    expect(checkWebhookConfig(base, DEFAULT_RENDER_LIMITS)).toEqual([]);
  });

  it('headers', () => {
    expect(codes({ headers: { 'bad name': 'x', 'X-Herald-Event': 'x', 'X-Ok': 'line\nbreak' } })).toEqual([
      { path: 'headers.bad name', code: 'header_name' },
      { path: 'headers.X-Herald-Event', code: 'header_reserved' },
      { path: 'headers.X-Ok', code: 'header_value', params: { max: 4096 } },
    ]);
    const many = Object.fromEntries(Array.from({ length: MAX_HEADERS + 1 }, (_, i) => [`X-H${i}`, 'v']));
    expect(codes({ headers: many })).toEqual([{ path: 'headers', code: 'max_entries', params: { max: MAX_HEADERS } }]);
    expect(headerProblems({ 'X-N': 5 })).toMatchObject([{ path: 'headers.X-N', code: 'is_string', message: 'headers.X-N must be a string' }]);
  });

  it('checkHeaders still fills a path → messages map with the same messages', () => {
    const errors: Record<string, string[]> = {};
    checkHeaders({ 'X-Herald-Event': 'x' }, errors);
    expect(errors).toEqual({ 'headers.X-Herald-Event': ['headers.X-Herald-Event is set by Herald and cannot be overridden'] });
  });

  it('auth, secrets and events', () => {
    expect(codes({ basicAuthUsername: 'u', headers: { Authorization: 'Bearer x' } })).toEqual([{ path: 'headers.Authorization', code: 'basic_auth_header' }]);
    expect(codes({ signatureScheme: 'dmhub' })).toEqual([{ path: 'secret', code: 'secret_required', params: { scheme: 'dmhub' } }]);
    expect(codes({ signatureScheme: 'standard', secret: 'not-whsec-secret' })).toEqual([{ path: 'secret', code: 'standard_secret' }]);
    expect(codes({ triggerType: 'event' })).toEqual([{ path: 'events', code: 'events_required' }]);
    expect(codes({ events: ['customer/created'] })).toEqual([{ path: 'events', code: 'events_not_allowed' }]);
  });

  it("body templates: size, dms shape and the template's own errors", () => {
    const big = { a: 'x'.repeat(MAX_TEMPLATE_BYTES) };
    expect(codes({ bodyTemplate: big })).toEqual([
      { path: 'bodyTemplate', code: 'too_large', params: { max: MAX_TEMPLATE_BYTES, actual: MAX_TEMPLATE_BYTES + 8 } },
    ]);
    expect(codes({ bodyTemplate: ['{{ customer.name }}'], signatureScheme: 'dms', secret: 'dms-password' })).toEqual([
      { path: 'bodyTemplate', code: 'dms_object' },
    ]);
    expect(codes({ bodyTemplate: ['{{ customer.name }}'], signatureScheme: 'feishu', secret: 'feishu-secret' })).toEqual([
      { path: 'bodyTemplate', code: 'feishu_object' },
    ]);
    expect(codes({ bodyTemplate: { text: '{{ customer.nick }}' } })).toEqual([
      { path: 'bodyTemplate.text', code: 'unknown_variable', params: { variable: 'customer.nick', known: expect.arrayContaining(['customer.name']) } },
    ]);
    const [problem] = checkWebhookConfig({ ...base, bodyTemplate: { text: '{{ customer.nick }}' } });
    expect(problem.message).toMatch(/^bodyTemplate\.text: unknown variable "customer\.nick"/);
  });
});

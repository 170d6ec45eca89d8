import { codeText, permissionText } from './errors';

describe('permissionText', () => {
  it('says a permission as an action on a resource, in either language', () => {
    expect(permissionText('users:write', 'zh')).toBe('修改控制台用户');
    expect(permissionText('audit:read', 'zh')).toBe('查看审计日志');
    expect(permissionText('webhooks:test', 'zh')).toBe('测试发送 Webhook');
    expect(permissionText('keys:write', 'zh')).toBe('修改 API 密钥');
    expect(permissionText('users:write', 'en')).toBe('change console users');
    expect(permissionText('keys:read', 'en')).toBe('view API keys');
  });
  it('words the owner rule and the contact grant on their own', () => {
    expect(permissionText('owner', 'zh')).toBe('添加、更改或移除所有者');
    expect(permissionText('customers:contact', 'zh')).toBe('查看客户的完整联系方式');
    expect(permissionText('customers:contact', 'en')).toBe("see customers' full contact details");
  });
  it('keeps a permission it does not know (a newer server) as named', () => {
    expect(permissionText('reports:export', 'zh')).toBe('reports:export');
    expect(permissionText('customers:erase', 'en')).toBe('customers:erase');
  });
});

describe('codeText for forbidden', () => {
  it('names the permission in words, not as the API spells it', () => {
    expect(codeText('forbidden', 403, { permission: 'groups:write' }, 'zh')).toBe('你的角色没有此权限：修改群组');
    expect(codeText('forbidden', 403, { permission: 'groups:write' }, 'en')).toBe('Your role does not allow this: change groups');
  });
});

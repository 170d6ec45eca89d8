import { FormField } from './form-fields';
import { renderFormPage, renderMessagePage } from './form-page';

const fields: FormField[] = [
  { name: 'name', label: '姓名', type: 'text', required: true, maps: 'name', placeholder: '请输入姓名' },
  { name: 'mobile', label: '手机号', type: 'tel', required: true, maps: 'mobile' },
  { name: 'email', label: '邮箱', type: 'email', required: false },
  { name: 'age', label: '年龄', type: 'number', required: false },
  {
    name: 'city',
    label: '城市',
    type: 'select',
    required: false,
    options: [
      { value: 'sh', label: '上海' },
      { value: 'bj', label: '北京' },
    ],
  },
  {
    name: 'interests',
    label: '兴趣',
    type: 'checkbox',
    required: false,
    options: [
      { value: 'a', label: '跑步' },
      { value: 'b', label: '读书' },
    ],
  },
  { name: 'consent', label: '我同意隐私条款', type: 'checkbox', required: true },
  { name: 'note', label: '备注', type: 'textarea', required: false },
];
const form = { name: 'internal name', title: '双十一报名', description: '第一行\n第二行', fields };

describe('renderFormPage', () => {
  const html = renderFormPage(form);

  it('is a phone-friendly page with labels bound to typed inputs', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>双十一报名</title>');
    expect(html).toContain('<form method="post" accept-charset="utf-8">');
    expect(html).toContain('<label for="f-name">姓名');
    expect(html).toMatch(/<input type="text" id="f-name" name="name" value=""[^>]* autocomplete="name" placeholder="请输入姓名" required>/);
    expect(html).toMatch(/<input type="tel" id="f-mobile" name="mobile"[^>]* autocomplete="tel"[^>]* required>/);
    expect(html).toMatch(/<input type="email" id="f-email" name="email"/);
    expect(html).toMatch(/<input type="number" id="f-age" name="age" value="" inputmode="decimal" step="any">/);
    expect(html).toContain('<select id="f-city" name="city"><option value="">请选择</option>');
    expect(html).toContain('<option value="bj">北京</option>');
    expect(html).toContain('<legend>兴趣</legend>');
    expect(html).toContain('<input type="checkbox" id="f-interests-2" name="interests" value="b"><span>读书</span>');
    expect(html).toContain('<input type="checkbox" id="f-consent" name="consent" value="true" required><span>我同意隐私条款');
    expect(html).toContain('<textarea id="f-note" name="note" maxlength="2000"></textarea>');
    expect(html).toContain('<p class="description">第一行\n第二行</p>');
    expect(html).not.toMatch(/<script|<link|src=/);
  });

  it('has a honeypot input that people do not see or reach', () => {
    expect(html).toContain('<div class="hp" aria-hidden="true">');
    expect(html).toContain('<input type="text" id="_homepage" name="_homepage" value="" tabindex="-1" autocomplete="off">');
    expect(html).toMatch(/\.hp\{position:absolute;left:-10000px/);
  });

  it('escapes every text of the tenant and the visitor', () => {
    const hostile = '<script>alert("x")</script>';
    const page = renderFormPage(
      {
        name: hostile,
        title: hostile,
        description: hostile,
        fields: [
          { name: 'a', label: hostile, type: 'text', required: false, placeholder: '"><img src=x onerror=alert(1)>' },
          { name: 'b', label: 'b', type: 'select', required: false, options: [{ value: '"><b>', label: hostile }] },
        ],
      },
      { entered: { a: '"><script>alert(2)</script>' } },
    );
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('"><b>');
    expect(page).toContain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
    expect(page).toContain('value="&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
  });

  it('shown again: the entered values kept and each error under its field', () => {
    const page = renderFormPage(form, {
      entered: { name: '张三', mobile: '12ab', city: 'bj', interests: ['a'], consent: 'true', note: '你好' },
      problems: { mobile: { code: 'mobile' }, email: { code: 'email' } },
    });
    expect(page).toContain('<p class="summary" role="alert">');
    expect(page).toMatch(/name="name" value="张三"/);
    expect(page).toMatch(/name="mobile" value="12ab"[^>]* aria-invalid="true" aria-describedby="f-mobile-error">/);
    expect(page).toContain('<p class="error" id="f-mobile-error">请输入有效的手机号码');
    expect(page).toContain('<p class="error" id="f-email-error">请输入有效的邮箱地址</p>');
    expect(page).toContain('<option value="bj" selected>北京</option>');
    expect(page).toContain('value="a" checked><span>跑步');
    expect(page).toContain('name="consent" value="true" checked required');
    expect(page).toContain('>你好</textarea>');
    expect(page).not.toContain('f-name-error');
  });

  it('a field may be named like an Object.prototype key', () => {
    const page = renderFormPage({
      ...form,
      fields: [
        { name: 'constructor', label: 'C', type: 'checkbox', required: false },
        { name: 'toString', label: 'T', type: 'text', required: false },
      ],
    });
    expect(page).toContain('<input type="checkbox" id="f-constructor" name="constructor" value="true"><span>C</span>');
    expect(page).toContain('name="toString" value=""');
    expect(page).not.toContain('class="error"');
  });
});

describe('renderMessagePage', () => {
  it('escapes the message', () => {
    const page = renderMessagePage('谢谢', '<b>提交成功</b>');
    expect(page).toContain('<title>谢谢</title>');
    expect(page).toContain('&lt;b&gt;提交成功&lt;/b&gt;');
  });
});

import type { Form } from './form.entity';
import { newFormKey, toFormView } from './forms.service';

describe('form keys and views', () => {
  it('keys are 24 url-safe characters and differ', () => {
    const keys = new Set(Array.from({ length: 100 }, newFormKey));
    expect(keys.size).toBe(100);
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('the public URL is PUBLIC_URL + /f/<key>, relative when PUBLIC_URL is empty', () => {
    const form = { id: 1, key: 'K'.repeat(24), fields: [], webhookIds: [] } as unknown as Form;
    expect(toFormView(form, 'https://herald.example.com/').publicUrl).toBe(`https://herald.example.com/f/${form.key}`);
    expect(toFormView(form, 'https://herald.example.com/base').publicUrl).toBe(`https://herald.example.com/base/f/${form.key}`);
    expect(toFormView(form, '').publicUrl).toBe(`/f/${form.key}`);
    expect(toFormView(form, '', 3).submissionCount).toBe(3);
  });
});

import { jsonDepth, parseInboundBody } from './inbound-body';

describe('parseInboundBody', () => {
  it('reads JSON, forms (repeated keys as arrays), and text', async () => {
    expect(await parseInboundBody(Buffer.from('{"a":[1,{"b":2}]}'), 'application/json; charset=utf-8')).toEqual({ a: [1, { b: 2 }] });
    expect(await parseInboundBody(Buffer.from('a=1&b=x&b=y'), 'application/x-www-form-urlencoded')).toEqual({ a: '1', b: ['x', 'y'] });
    expect(await parseInboundBody(Buffer.from('plain'), 'text/plain')).toBe('plain');
    expect(await parseInboundBody(Buffer.alloc(0), 'application/json')).toEqual({});
  });

  it("reads curl -d's JSON (sent as urlencoded) as JSON", async () => {
    expect(await parseInboundBody(Buffer.from('{"phone":"139"}'), 'application/x-www-form-urlencoded')).toEqual({ phone: '139' });
    expect(await parseInboundBody(Buffer.from('{not json'), 'application/x-www-form-urlencoded')).toEqual({ '{not json': '' });
  });

  it('keeps __proto__ a plain field', async () => {
    const data = (await parseInboundBody(Buffer.from('__proto__=x&__proto__=y&a=1'), 'application/x-www-form-urlencoded')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(data.a).toBe('1');
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it('refuses bad and too deep JSON without throwing anything else', async () => {
    await expect(parseInboundBody(Buffer.from('{"a":'), 'application/json')).rejects.toThrow('not valid JSON');
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    await expect(parseInboundBody(Buffer.from(deep), 'application/json')).rejects.toThrow('deeper than 32');
    expect(jsonDepth({ a: { b: [1] } })).toBe(3);
  });
});

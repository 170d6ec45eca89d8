import axios, { AxiosHeaders } from 'axios';
import { ACCEPT_ENCODING, requestTarget, wireHeaders } from './node-http-adapter';

describe('requestTarget', () => {
  it('takes path and query, drops the fragment, keeps an explicit port', () => {
    expect(requestTarget('http://127.0.0.1:8080/hook?a=1&b=%E4%B8%AD#x')).toEqual({
      secure: false,
      hostname: '127.0.0.1',
      port: '8080',
      path: '/hook?a=1&b=%E4%B8%AD',
      auth: undefined,
    });
    expect(requestTarget('https://example.com')).toMatchObject({ secure: true, hostname: 'example.com', port: '', path: '/' });
  });

  it('unwraps IPv6 hosts and turns URL credentials into basic auth, decoded', () => {
    expect(requestTarget('http://[::1]:9000/x')).toMatchObject({ hostname: '::1', port: '9000' });
    expect(requestTarget('https://us%40er:p%3Ass@example.com/x')).toMatchObject({ auth: 'us@er:p:ss', path: '/x' });
  });

  it('refuses what is not http or https, and a malformed URL, as axios does', () => {
    expect(() => requestTarget('ftp://example.com/x')).toThrow('Unsupported protocol ftp:');
    expect(() => requestTarget('not a url')).toThrow('Invalid URL');
  });

  it('returns the same parsed target for the same URL', () => {
    expect(requestTarget('http://example.com/same')).toBe(requestTarget('http://example.com/same'));
  });
});

describe('wireHeaders', () => {
  it('keeps the given order, then adds User-Agent, Content-Length and Accept-Encoding unless given', () => {
    const headers = wireHeaders({ Accept: 'application/json', 'Content-Type': 'application/json', 'X-A': '1' }, '{"名":1}');
    expect(Object.entries(headers)).toEqual([
      ['Accept', 'application/json'],
      ['Content-Type', 'application/json'],
      ['X-A', '1'],
      ['User-Agent', `axios/${axios.VERSION}`],
      ['Content-Length', '9'],
      ['Accept-Encoding', ACCEPT_ENCODING],
    ]);
    const given = wireHeaders({ 'user-agent': 'Herald/1', 'content-length': '3', 'accept-encoding': 'identity' }, 'abc');
    expect(given).toEqual({ 'user-agent': 'Herald/1', 'content-length': '3', 'accept-encoding': 'identity' });
  });

  it('no Content-Length without a body; an empty body is none', () => {
    expect(wireHeaders({}, undefined)['Content-Length']).toBeUndefined();
    expect(wireHeaders({}, '')['Content-Length']).toBeUndefined();
    expect(wireHeaders({}, Buffer.from('abcd'))['Content-Length']).toBe('4');
  });

  it('drops what a header line cannot carry and trims blanks; skips unset values', () => {
    expect(wireHeaders({ 'X-Name': ' 中文 name\u0001 ', 'X-Tab': 'a\tb', 'X-Latin': 'café', 'X-Unset': undefined, 'X-Off': false }, undefined)).toMatchObject({
      'X-Name': 'name',
      'X-Tab': 'a\tb',
      'X-Latin': 'café',
    });
    expect(Object.keys(wireHeaders({ 'X-Unset': undefined, 'X-Off': false }, undefined))).not.toContain('X-Unset');
  });

  it('reads axios’s merged headers; URL credentials replace an Authorization header', () => {
    const merged = AxiosHeaders.concat({ Accept: 'a' }, { accept: 'b', Authorization: 'Basic x' });
    expect(wireHeaders(merged as unknown as Record<string, unknown>, undefined)).toMatchObject({ Accept: 'b', Authorization: 'Basic x' });
    expect(wireHeaders(merged as unknown as Record<string, unknown>, undefined, true).Authorization).toBeUndefined();
  });
});

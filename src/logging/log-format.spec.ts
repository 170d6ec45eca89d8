import { ConfigError } from '../config/env';
import { logFormat } from './log-format';

describe('logFormat', () => {
  it('is pretty for a terminal outside production, JSON lines otherwise', () => {
    expect(logFormat('development', undefined, true)).toBe('pretty');
    expect(logFormat('test', undefined, true)).toBe('pretty');
    expect(logFormat('production', undefined, true)).toBe('json');
    expect(logFormat('development', undefined, false)).toBe('json');
  });

  it('follows LOG_FORMAT when it is set, and names it when it is wrong', () => {
    expect(logFormat('production', 'pretty', false)).toBe('pretty');
    expect(logFormat('development', ' JSON ', true)).toBe('json');
    expect(logFormat('development', '', true)).toBe('pretty');
    expect(() => logFormat('development', 'colour', true)).toThrow(ConfigError);
    expect(() => logFormat('development', 'colour', true)).toThrow(/LOG_FORMAT/);
  });
});

import { readFileSync } from 'fs';
import { join } from 'path';
import { HERALD_VERSION } from './version';

it('matches package.json', () => {
  expect(HERALD_VERSION).toBe(JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
});

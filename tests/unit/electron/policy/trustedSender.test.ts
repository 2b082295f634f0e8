import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../../electron/policy/trustedSender';

describe('isTrustedSender', () => {
  it.each([
    ['app://atlas/index.html', true],
    ['app://atlas/index.html#/map', true],
    ['app://atlas/', true],
    ['app://evil/index.html', false],
    ['app://atlas.evil/index.html', false],
    ['app://atlas:1/index.html', false],
    ['app://atlas/../index.html', false],
    ['https://atlas/index.html', false],
    ['http://localhost:5173/', false],
    ['file:///work/main/dist/renderer/index.html', false],
    ['about:blank', false],
    ['data:text/html,hi', false],
    ['', false],
    [undefined, false],
    [null, false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedSender(url)).toBe(trusted);
  });
});

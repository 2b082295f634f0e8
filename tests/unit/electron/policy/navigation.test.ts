import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  decideWindowOpen,
  isAllowedExternalUrl,
} from '../../../../electron/policy/navigation';

describe('decideNavigation (will-navigate, will-frame-navigate, will-redirect)', () => {
  it.each([
    ['app://atlas/index.html', 'allow'],
    ['app://atlas/', 'allow'],
    ['app://atlas/index.html#/scenarios?id=1', 'allow'],
    ['https://www.openstreetmap.org/copyright', 'open-external'],
    ['file:///etc/passwd', 'deny'],
    ['file:///C:/Windows/win.ini', 'deny'],
    ['http://www.openstreetmap.org/copyright', 'deny'],
    ['https://evil.example/', 'deny'],
    ['https://www.openstreetmap.org.evil.example/', 'deny'],
    ['https://user:pass@www.openstreetmap.org/', 'deny'],
    ['https://www.openstreetmap.org:8443/', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['JavaScript:alert(1)', 'deny'],
    ['data:text/html,<script>alert(1)</script>', 'deny'],
    ['blob:app://atlas/1234', 'deny'],
    ['app://other-host/index.html', 'deny'],
    ['app://atlas/../', 'deny'],
    ['app://atlas/%2e%2e/', 'deny'],
    ['app://atlas.evil/index.html', 'deny'],
    ['about:blank', 'deny'],
    ['chrome://settings', 'deny'],
    ['devtools://devtools/bundled/inspector.html', 'deny'],
    ['mailto:someone@example.com', 'deny'],
    ['', 'deny'],
    ['not a url', 'deny'],
  ])('%s → %s', (url, decision) => {
    expect(decideNavigation(url)).toBe(decision);
  });
});

describe('decideWindowOpen (setWindowOpenHandler): never a second window', () => {
  it.each([
    ['app://atlas/index.html', 'deny'],
    ['https://www.openstreetmap.org/copyright', 'open-external'],
    ['https://www.tianditu.gov.cn/', 'open-external'],
    ['https://leafletjs.com', 'open-external'],
    ['https://example.com/', 'deny'],
    ['http://leafletjs.com', 'deny'],
    ['javascript:void(0)', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['smb://server/share', 'deny'],
    ['ms-msdt:/id PCWDiagnostic', 'deny'],
    ['', 'deny'],
  ])('%s → %s', (url, decision) => {
    expect(decideWindowOpen(url)).toBe(decision);
  });

  it('refuses non-strings and very long URLs for openExternal', () => {
    expect(isAllowedExternalUrl(undefined)).toBe(false);
    expect(isAllowedExternalUrl({ href: 'https://leafletjs.com' })).toBe(false);
    expect(isAllowedExternalUrl(`https://leafletjs.com/${'a'.repeat(3000)}`)).toBe(false);
  });
});

import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  appPathSegments,
  isAppUrl,
  mimeTypeFor,
  resolveAppAsset,
} from '../../../../electron/policy/appUrl';

const posixRoot = '/opt/atlas/resources/app.asar/dist/renderer';
const windowsRoot = 'C:\\Program Files\\Atlas\\resources\\app.asar\\dist\\renderer';

describe('resolveAppAsset: files of the renderer build', () => {
  it.each([
    ['app://atlas/', 'index.html', 'text/html; charset=utf-8'],
    ['app://atlas/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app://atlas/index.html?x=1#/map', 'index.html', 'text/html; charset=utf-8'],
    ['app://atlas/assets/index-Bq3_x-9Z.js', 'assets/index-Bq3_x-9Z.js', 'text/javascript; charset=utf-8'],
    ['app://atlas/assets/index-AbC.css', 'assets/index-AbC.css', 'text/css; charset=utf-8'],
    [
      'app://atlas/assets/sichuan-regions-D4x.json',
      'assets/sichuan-regions-D4x.json',
      'application/json; charset=utf-8',
    ],
    ['app://atlas/assets/marker-icon.png', 'assets/marker-icon.png', 'image/png'],
    ['app://atlas/assets/logo.svg', 'assets/logo.svg', 'image/svg+xml'],
    ['app://atlas/assets/font.woff2', 'assets/font.woff2', 'font/woff2'],
    ['app://atlas/assets/leaflet@1.9~x+y.png', 'assets/leaflet@1.9~x+y.png', 'image/png'],
  ])('%s → %s', (url, relative, mimeType) => {
    const result = resolveAppAsset(url, posixRoot, path.posix);
    expect(result).toEqual({ ok: true, value: { filePath: `${posixRoot}/${relative}`, mimeType } });
  });

  it('resolves inside a Windows install folder with Windows path rules', () => {
    const result = resolveAppAsset('app://atlas/assets/index.js', windowsRoot, path.win32);
    expect(result).toEqual({
      ok: true,
      value: { filePath: `${windowsRoot}\\assets\\index.js`, mimeType: 'text/javascript; charset=utf-8' },
    });
  });
});

describe('resolveAppAsset: hostile URLs are refused (404)', () => {
  const hostile: readonly (readonly [string, unknown])[] = [
    ['dot-dot', 'app://atlas/../etc/passwd'],
    ['dot-dot in the middle', 'app://atlas/assets/../../secret'],
    ['dot-dot at the end', 'app://atlas/assets/..'],
    ['single dot', 'app://atlas/./index.html'],
    ['encoded slash', 'app://atlas/..%2f..%2fetc%2fpasswd'],
    ['encoded slash upper case', 'app://atlas/..%2F..%2Fetc%2Fpasswd'],
    ['encoded dots', 'app://atlas/%2e%2e/%2e%2e/etc/passwd'],
    ['encoded dots upper case', 'app://atlas/%2E%2E/secret'],
    ['mixed encoded dot', 'app://atlas/.%2e/secret'],
    ['double-encoded dots', 'app://atlas/%252e%252e/%252e%252e/etc/passwd'],
    ['double-encoded slash', 'app://atlas/..%252f..%252fetc'],
    ['triple-encoded dots', 'app://atlas/%25252e%25252e/x'],
    ['overlong UTF-8 dot', 'app://atlas/%c0%ae%c0%ae/x'],
    ['malformed escape', 'app://atlas/%zz'],
    ['lone percent', 'app://atlas/100%'],
    ['absolute path in the path', 'app://atlas//etc/passwd'],
    ['absolute path, not a URL', '/etc/passwd'],
    ['backslash', 'app://atlas/..\\..\\windows\\win.ini'],
    ['encoded backslash', 'app://atlas/..%5c..%5cwindows'],
    ['drive letter', 'app://atlas/C:\\Windows\\System32'],
    ['drive letter, forward slashes', 'app://atlas/C:/Windows/System32'],
    ['encoded drive colon', 'app://atlas/C%3a/Windows'],
    ['bare Windows path', 'C:\\Windows'],
    ['UNC path', '\\\\server\\share\\file'],
    ['UNC path in the URL', 'app://atlas/\\\\server\\share'],
    ['NUL byte', 'app://atlas/index.html\0.png'],
    ['encoded NUL', 'app://atlas/index.html%00.png'],
    ['control character', 'app://atlas/index%0a.html'],
    ['hidden file', 'app://atlas/.vite/manifest.json'],
    ['Windows device name', 'app://atlas/NUL'],
    ['Windows device name with extension', 'app://atlas/assets/com1.txt'],
    ['trailing slash (a folder)', 'app://atlas/assets/'],
    ['empty segment', 'app://atlas/assets//index.js'],
    ['space', 'app://atlas/a%20b.png'],
    ['other host', 'app://evil/index.html'],
    ['host with the app host as prefix', 'app://atlas.evil/index.html'],
    ['credentials before the host', 'app://atlas@evil/index.html'],
    ['user info', 'app://user@atlas/index.html'],
    ['port', 'app://atlas:8080/index.html'],
    ['no path', 'app://atlas'],
    ['upper-case scheme (Chromium never sends it)', 'APP://atlas/index.html'],
    ['https', 'https://example.com/index.html'],
    ['file', 'file:///etc/passwd'],
    ['empty', ''],
    ['very long', `app://atlas/${'a'.repeat(5000)}.js`],
    ['too deep', `app://atlas/${'a/'.repeat(40)}x.js`],
    ['not a string', 42],
    ['null', null],
    ['undefined', undefined],
  ];

  it.each(hostile)('%s', (_name, url) => {
    const result = resolveAppAsset(url, posixRoot, path.posix);
    expect(result.ok).toBe(false);
    expect(resolveAppAsset(url, windowsRoot, path.win32).ok).toBe(false);
  });

  it('never resolves outside the root, whatever the input', () => {
    for (const [, url] of hostile) {
      const result = resolveAppAsset(url, posixRoot, path.posix);
      if (result.ok) expect.fail(`${String(url)} resolved to ${result.value.filePath}`);
    }
  });

  it('names the reason', () => {
    expect(resolveAppAsset('https://example.com/', posixRoot, path.posix)).toMatchObject({
      ok: false,
      error: 'not-app-url',
    });
    expect(resolveAppAsset('app://atlas/../x', posixRoot, path.posix)).toMatchObject({
      ok: false,
      error: 'unsafe-path',
    });
  });
});

describe('isAppUrl', () => {
  it('accepts the entry page', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(appPathSegments(APP_ENTRY_URL)).toEqual(['index.html']);
  });

  it.each(['app://atlas/../', 'app://other/', 'app://atlas.evil/', 'https://atlas/', ''])(
    'refuses %s',
    (url) => {
      expect(isAppUrl(url)).toBe(false);
    },
  );
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['INDEX.HTML', 'text/html; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.webp', 'image/webp'],
    ['a.ico', 'image/x-icon'],
    ['a.woff', 'font/woff'],
    ['a.wasm', 'application/wasm'],
    ['noextension', 'application/octet-stream'],
    ['a.exe', 'application/octet-stream'],
  ])('%s → %s', (name, type) => {
    expect(mimeTypeFor(name)).toBe(type);
  });
});

import { describe, expect, it } from 'vitest';
import { appResponseHeaders } from '../../../../electron/policy/responseHeaders';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('app:// response headers', () => {
  const headers = appResponseHeaders('text/html; charset=utf-8');
  const csp = directives(headers['Content-Security-Policy'] ?? '');

  it('carries the content type, nosniff and no referrer', () => {
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
  });

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ])('%s is exactly %j', (name, values) => {
    expect(csp.get(name)).toEqual(values);
  });

  it('allows inline styles (Ant Design injects them) but nothing else inline', () => {
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    for (const [name, values] of csp) {
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    }
  });

  it('lets images come only from the app, data:/blob: and the two optional basemap hosts', () => {
    expect(csp.get('img-src')).toEqual(
      expect.arrayContaining([
        "'self'",
        'data:',
        'blob:',
        'https://*.tile.openstreetmap.org',
        'https://*.tianditu.gov.cn',
      ]),
    );
    expect(csp.get('img-src')).toHaveLength(5);
  });

  it('never allows eval, a bare wildcard or whole schemes', () => {
    const all = [...csp.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'wasm-unsafe-eval'");
    expect(all).not.toContain('*');
    expect(all).not.toContain('http:');
    expect(all).not.toContain('https:');
    expect(all.filter((value) => value.startsWith('http://'))).toEqual([]);
  });

  it('is the same on a 404', () => {
    expect(appResponseHeaders('text/plain; charset=utf-8')['Content-Security-Policy']).toBe(
      headers['Content-Security-Policy'],
    );
  });
});

import { buildCsp } from '../../shared/security/csp';

/**
 * Headers of every `app://` response, 404s included. The CSP comes from the one shared definition
 * (shared/security/csp.ts) that the built index.html also carries as a meta tag; the header adds
 * `frame-ancestors`, which a meta tag cannot.
 */
export function appResponseHeaders(mimeType: string): Record<string, string> {
  return {
    'Content-Type': mimeType,
    'Content-Security-Policy': buildCsp(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // The build is replaced as a whole on update; never serve a stale index.html against new chunks.
    'Cache-Control': 'no-cache',
  };
}

/** HTTP methods the app protocol answers; the renderer only ever reads files. */
export const APP_PROTOCOL_METHODS: readonly string[] = ['GET', 'HEAD'];

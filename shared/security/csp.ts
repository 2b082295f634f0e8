/**
 * The Content-Security-Policy of the app, one definition for both the Electron protocol handler
 * (response header) and the built index.html (meta tag), so the browser build is held to the same rules.
 */

/** Hosts of the optional online basemaps; images only, and only drawn when the user turns a basemap on. */
export const BASEMAP_IMAGE_HOSTS = ['https://*.tile.openstreetmap.org', 'https://*.tianditu.gov.cn'] as const;

/** The CSP directives as data, so tests can check each one. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // Ant Design (CSS-in-JS) and Leaflet set inline style attributes; scripts stay strict.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:', ...BASEMAP_IMAGE_HOSTS],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-src': ["'none'"],
};

/** Directives a `<meta>` tag may not carry (browsers ignore them there); sent only as a header. */
export const HEADER_ONLY_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'frame-ancestors': ["'none'"],
};

/** The policy string; `forMeta` leaves out header-only directives. */
export function buildCsp(options: { readonly forMeta?: boolean } = {}): string {
  const directives = options.forMeta ? CSP_DIRECTIVES : { ...CSP_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

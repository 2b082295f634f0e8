import { isAppUrl } from './appUrl';

/**
 * Pages outside the app that a link may open in the user's browser: the licence and attribution
 * pages linked from the optional basemaps. Exact hosts, https only — everything else is denied,
 * so neither a record's text nor a compromised renderer can make the app open arbitrary URLs.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'www.openstreetmap.org',
  'openstreetmap.org',
  'www.tianditu.gov.cn',
  'leafletjs.com',
];

/** What to do with a navigation or a `window.open`. */
export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** May `shell.openExternal` open this URL? https, an allow-listed host, default port, no credentials. */
export function isAllowedExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    EXTERNAL_LINK_HOSTS.includes(parsed.hostname)
  );
}

/** `will-navigate` / `will-frame-navigate` / `will-redirect`: stay inside app://atlas, hand allowed links to the browser. */
export function decideNavigation(url: unknown): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  return isAllowedExternalUrl(url) ? 'open-external' : 'deny';
}

/** `window.open` / `target=_blank`: never a second app window; allowed links go to the browser. */
export function decideWindowOpen(url: unknown): Exclude<NavigationDecision, 'allow'> {
  return isAllowedExternalUrl(url) ? 'open-external' : 'deny';
}

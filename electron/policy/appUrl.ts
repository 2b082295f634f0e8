import * as nodePath from 'node:path';
import { err, ok, type Result } from '../../shared/result';

/** The privileged scheme the renderer build is served from; never `file://` (Electron security checklist §18). */
export const APP_SCHEME = 'app';
/** The only host of that scheme; any other host is refused. */
export const APP_HOST = 'atlas';
/** Every trusted URL starts with this. */
export const APP_URL_PREFIX = `${APP_SCHEME}://${APP_HOST}/`;
/** What the window loads. */
export const APP_ENTRY_URL = `${APP_URL_PREFIX}index.html`;

/** Longer URLs are refused outright: no file of the build has a name anywhere near this long. */
export const MAX_APP_URL_LENGTH = 2048;
const MAX_SEGMENTS = 16;

/**
 * Characters a file name of the Vite build may contain (hashed names are base64url). Anything
 * else — `%`, `:`, `\`, spaces, control characters — cannot name a build file, so it is refused
 * rather than interpreted.
 */
const SAFE_SEGMENT = /^[A-Za-z0-9_~@+-][A-Za-z0-9_.~@+-]*$/;
/** Device names Windows resolves anywhere in a path (`NUL`, `COM1.txt`). */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** Why a URL is not served. */
export type AppUrlError = 'not-app-url' | 'unsafe-path' | 'outside-root';

/**
 * The path of an `app://atlas/…` URL as safe segments, or null. Works on the raw string, so it sees
 * what the URL parser would normalise away (`..`, `%2e%2e`), and refuses every form of escape:
 * dot segments, encoded or double-encoded separators and dots, backslashes, drive letters, NUL.
 */
export function appPathSegments(url: unknown): readonly string[] | null {
  if (typeof url !== 'string' || url.length > MAX_APP_URL_LENGTH) return null;
  if (!url.startsWith(APP_URL_PREFIX)) return null;
  if (!hasAppOrigin(url)) return null;
  const afterHost = url.slice(APP_URL_PREFIX.length - 1);
  const end = afterHost.search(/[?#]/);
  const rawPath = end === -1 ? afterHost : afterHost.slice(0, end);
  if (/[\\\0]/.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null; // malformed percent-encoding: not a name the build can contain
  }
  // A `%` left after one decoding means double encoding (`%252e`); build names never contain it.
  if (/[%\\:]/.test(decoded) || hasControlCharacter(decoded)) return null;
  const relative = decoded.slice(1);
  if (relative === '') return ['index.html'];
  const segments = relative.split('/');
  if (segments.length > MAX_SEGMENTS) return null;
  for (const segment of segments) {
    if (!SAFE_SEGMENT.test(segment) || WINDOWS_DEVICE_NAME.test(segment)) return null;
  }
  return segments;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Cross-check with the WHATWG parser: scheme, host, no port, no credentials. */
function hasAppOrigin(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Is this URL a page or file of the app itself (`app://atlas/…` with a safe path)? */
export function isAppUrl(url: unknown): boolean {
  return appPathSegments(url) !== null;
}

/** A file of the renderer build to serve. */
export interface AppAsset {
  readonly filePath: string;
  readonly mimeType: string;
}

/**
 * Maps a request URL to a file inside `rootDir` (the renderer build), or says why not; the
 * protocol handler answers 404 for every error. `pathApi` is injectable so tests check both
 * POSIX and Windows path rules.
 */
export function resolveAppAsset(
  url: unknown,
  rootDir: string,
  pathApi: nodePath.PlatformPath = nodePath,
): Result<AppAsset, AppUrlError> {
  if (typeof url !== 'string' || !url.startsWith(APP_URL_PREFIX)) {
    return err('not-app-url', `Only ${APP_URL_PREFIX} URLs are served.`);
  }
  const segments = appPathSegments(url);
  if (segments === null) return err('unsafe-path', 'The path is not a file name of the app build.');
  const root = pathApi.resolve(rootDir);
  const filePath = pathApi.resolve(root, ...segments);
  // Belt and braces: whatever the checks above missed, the file must lie under the build folder.
  const relative = pathApi.relative(root, filePath);
  if (relative === '' || relative.startsWith('..') || pathApi.isAbsolute(relative)) {
    return err('outside-root', 'The path leaves the app build folder.');
  }
  return ok({ filePath, mimeType: mimeTypeFor(filePath) });
}

/** Content types of what a Vite build contains; anything else is served as opaque bytes (with nosniff). */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The content type for a file name, by extension (case-insensitive). */
export function mimeTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot === -1 ? '' : fileName.slice(dot).toLowerCase();
  return MIME_TYPES[extension] ?? 'application/octet-stream';
}

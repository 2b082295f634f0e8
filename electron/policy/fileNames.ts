import * as nodePath from 'node:path';

/** Characters no file system of ours accepts in a name (Windows is the strictest), and controls. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001F\u007F]/g;
/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_NAME_LENGTH = 180;

/**
 * A name offered in the save dialog that is safe on Windows, macOS and Linux: forbidden characters
 * become `_`, no folders (a suggested `../x` stays in the chosen folder), no trailing dots or
 * spaces, no device names, at most 180 characters; `fallback` when nothing is left.
 */
export function safeFileName(name: string, fallback: string): string {
  let safe = name.replace(FORBIDDEN, '_').trim().replace(/[. ]+$/, '');
  if (safe.length > MAX_NAME_LENGTH) {
    const ext = nodePath.extname(safe).slice(0, 17);
    safe = safe.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  if (safe === '' || /^[._]+$/.test(safe) || RESERVED.test(safe)) return fallback;
  return safe;
}

/** The chosen path with `.extension` added when the user left it off (or typed another one). */
export function withExtension(filePath: string, extension: string): string {
  return nodePath.extname(filePath).toLowerCase() === `.${extension.toLowerCase()}` ? filePath : `${filePath}.${extension}`;
}

/**
 * The temporary file an atomic write goes through: in the same folder as the target (a rename
 * across file systems is not atomic), hidden, and unique per write.
 */
export function tempPathFor(target: string, unique: string, pathApi: nodePath.PlatformPath = nodePath): string {
  const dir = pathApi.dirname(target);
  const base = pathApi.basename(target);
  return pathApi.join(dir, `.${base}.${unique.replace(/[^0-9a-zA-Z]/g, '')}.tmp`);
}

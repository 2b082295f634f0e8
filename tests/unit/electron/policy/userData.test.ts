import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { USER_DATA_ENV, userDataDirFromEnv } from '../../../../electron/policy/userData';

describe('userDataDirFromEnv (ATLAS_USER_DATA_DIR, tests only)', () => {
  it.each<[string, string | undefined, path.PlatformPath, string | null]>([
    ['unset', undefined, path.posix, null],
    ['empty', '', path.posix, null],
    ['blank', '   ', path.posix, null],
    ['relative', 'tmp/atlas', path.posix, null],
    ['dot-relative', './atlas', path.posix, null],
    ['NUL inside', '/tmp/atlas\0/x', path.posix, null],
    ['absolute POSIX', '/tmp/atlas-e2e-1', path.posix, '/tmp/atlas-e2e-1'],
    ['normalised', '/tmp/a/../atlas', path.posix, '/tmp/atlas'],
    ['absolute Windows', 'C:\\Temp\\atlas', path.win32, 'C:\\Temp\\atlas'],
    ['drive-relative Windows', 'C:Temp\\atlas', path.win32, null],
  ])('%s', (_name, value, pathApi, expected) => {
    expect(userDataDirFromEnv({ [USER_DATA_ENV]: value }, pathApi)).toBe(expected);
  });
});

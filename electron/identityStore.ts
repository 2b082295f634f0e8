import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IdentityBackend } from './identityService';

/** `identity.json` in the user-data folder, written atomically (temp file + rename), mode 0600. */
export function createIdentityFileBackend(userDataDir: string): IdentityBackend {
  const filePath = path.join(userDataDir, 'identity.json');
  return {
    read: () => (existsSync(filePath) ? readFileSync(filePath, 'utf8') : null),
    write(text) {
      const temp = `${filePath}.tmp`;
      writeFileSync(temp, text, { encoding: 'utf8', mode: 0o600 });
      renameSync(temp, filePath);
      chmodSync(filePath, 0o600);
    },
    backUpBrokenFile(now) {
      const target = `${filePath.replace(/\.json$/, '')}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}.json`;
      renameSync(filePath, target);
      return target;
    },
  };
}

import { randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import type { FileBytes } from '../shared/ipc/filesContract';
import { tempPathFor } from './policy/fileNames';

/** The parts of node:fs/promises an atomic write uses; tests inject failures through it. */
export interface AtomicFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  rm: typeof fsp.rm;
}

/**
 * Writes `bytes` (one array, or pieces written in turn) to `target` so that a reader sees the old
 * file or the whole new one, never a part:
 * a temporary file in the same folder is written, flushed to disk (fsync) and renamed over the
 * target. On any failure the temporary file is removed and the error is rethrown with the cause;
 * the target is left as it was.
 */
export async function writeFileAtomic(target: string, bytes: FileBytes, fs: AtomicFs = fsp, unique: () => string = randomUUID): Promise<void> {
  const temp = tempPathFor(target, unique());
  try {
    // 'wx': never reuse a file that happens to exist under the temporary name.
    const handle = await fs.open(temp, 'wx');
    try {
      for (const part of bytes instanceof Uint8Array ? [bytes] : bytes) {
        let offset = 0;
        while (offset < part.length) {
          const { bytesWritten } = await handle.write(part, offset, part.length - offset);
          if (bytesWritten <= 0) throw new Error('[files] write made no progress');
          offset += bytesWritten;
        }
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch((cleanup: unknown) => console.error('[files] could not remove the temporary file', temp, cleanup));
    throw new Error(`[files] could not write ${target}`, { cause: error });
  }
}

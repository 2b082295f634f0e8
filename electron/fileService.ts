import * as path from 'node:path';
import { fail } from '../shared/domain/localizedText';
import { ok } from '../shared/result';
import type { SaveFileRequest, SaveFileResult } from '../shared/ipc/filesContract';
import { writeFileAtomic, type AtomicFs } from './atomicWrite';
import { safeFileName, withExtension } from './policy/fileNames';

/** What the file service asks the OS: the save dialog (null when cancelled). No electron import, so tests drive it. */
export interface SaveDialog {
  (options: { readonly defaultPath: string; readonly filters: readonly { readonly name: string; readonly extensions: readonly string[] }[] }): Promise<string | null>;
}

/** Saving files the renderer built (exports, packages): the user picks the path, the write is atomic. */
export function createFileService(deps: { readonly showSaveDialog: SaveDialog; readonly defaultDir: () => string; readonly fs?: AtomicFs }) {
  return {
    async save(request: SaveFileRequest): Promise<SaveFileResult> {
      const name = safeFileName(withExtension(request.suggestedName, request.extension), `export.${request.extension}`);
      const chosen = await deps.showSaveDialog({
        defaultPath: path.join(deps.defaultDir(), name),
        filters: [{ name: request.filterName, extensions: [request.extension] }],
      });
      if (chosen === null) return ok({ status: 'cancelled' });
      const target = withExtension(chosen, request.extension);
      try {
        await writeFileAtomic(target, request.bytes, deps.fs);
        return ok({ status: 'saved', fileName: path.basename(target) });
      } catch (error) {
        console.error('[files] save failed', error);
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        return fail('write-failed', { zh: `文件未能保存到 ${target}：${cause}。原有文件未被改动。`, en: `The file could not be saved to ${target}: ${cause}. The existing file is unchanged.` });
      }
    },
  };
}

/** The file service's type. */
export type FileService = ReturnType<typeof createFileService>;

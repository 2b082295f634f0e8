/**
 * The file and backup parts of the IPC contract (issue 5 save dialog, issue 6 item 6 backups):
 * payload types and the zod schemas main checks them with. contract.ts lists the channels.
 */
import { z } from 'zod';
import type { Result } from '../result';
import { BACKUP_REASONS, isBackupId, type BackupInfo, type BackupReason } from '../backup/backupName';

/** Largest file the renderer may hand to main (a 100k-row export is ~35 MB). */
export const MAX_SAVE_BYTES = 1024 * 1024 * 1024;
/** Most pieces a file may come in (a 100k-row workbook is ~700: one per compressed chunk). */
export const MAX_SAVE_PARTS = 100_000;

/**
 * A file's bytes: one array, or its pieces in order (a large workbook comes from the zip writer
 * in pieces, written in turn and never joined in memory).
 */
export type FileBytes = Uint8Array | readonly Uint8Array[];

/** The length of a file given as {@link FileBytes}. */
export function fileByteLength(bytes: FileBytes): number {
  return bytes instanceof Uint8Array ? bytes.length : bytes.reduce((sum, part) => sum + part.length, 0);
}

/** A file the user saves through the save dialog (Electron) or a download (browser). */
export interface SaveFileRequest {
  /** The name offered in the dialog, e.g. `场景目录-510107-20261125.xlsx`. */
  readonly suggestedName: string;
  /** The extension the file must have, without the dot (`xlsx`); added when the user leaves it off. */
  readonly extension: string;
  /** The dialog's file-type filter label, e.g. `Excel 工作簿`. */
  readonly filterName: string;
  readonly bytes: FileBytes;
}

/** What became of a save: written (under this file name) or cancelled in the dialog. */
export type SaveFileOutcome = { readonly status: 'saved'; readonly fileName: string } | { readonly status: 'cancelled' };

/** Why a save failed: the file could not be written (nothing partial is left behind). */
export type SaveFileError = 'write-failed';

/** The result of `files:save`. */
export type SaveFileResult = Result<SaveFileOutcome, SaveFileError>;

export const saveFileRequestSchema = z
  .object({
    suggestedName: z.string().min(1).max(200),
    extension: z.string().regex(/^[a-z0-9]{1,16}$/),
    filterName: z.string().min(1).max(60),
    bytes: z.union([z.instanceof(Uint8Array), z.array(z.instanceof(Uint8Array)).max(MAX_SAVE_PARTS)]).refine((bytes) => fileByteLength(bytes) <= MAX_SAVE_BYTES),
  })
  .strict();

/** Largest backup snapshot main accepts. */
export const MAX_BACKUP_BYTES = 2 * 1024 * 1024 * 1024 - 1;

export const backupReasonSchema = z.enum(BACKUP_REASONS);
export const backupIdSchema = z.string().max(100).refine(isBackupId);
export const backupBytesSchema = z.instanceof(Uint8Array).refine((bytes) => bytes.length > 0 && bytes.length <= MAX_BACKUP_BYTES);

/** Why a backup operation failed. */
export type BackupError = 'write-failed' | 'not-found' | 'read-failed' | 'delete-failed';

export type { BackupInfo, BackupReason };

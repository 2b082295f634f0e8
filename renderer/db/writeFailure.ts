/**
 * What a write can answer instead of success (STYLE.md "Errors": expected failures are values).
 * Each failure has a code to branch on and a message in Chinese (`message`) and English (`text.en`).
 */
import type { DomainFailure, LocalizedText } from '../../shared/domain/localizedText';
import { fail } from '../../shared/domain/localizedText';
import type { FieldIssues, Scenario } from '../../shared/domain/scenario';
import type { StatusChangeError } from '../../shared/domain/scenarioStatus';
import type { ExistingPartnerRef, PartnerFieldIssues } from '../../shared/partners/partner';
import type { PilotFieldIssues, PilotStageMoveError } from '../../shared/partners/pilot';

/** Codes of a refused or failed write. */
export type WriteError =
  | 'invalid-scenario'
  | 'invalid-rows'
  | 'not-found'
  | 'not-owner'
  | 'read-only-role'
  | 'outside-jurisdiction'
  | 'version-conflict'
  | 'deleted'
  | 'already-deleted'
  | 'not-deleted'
  | 'catalog-exhausted'
  | 'duplicate-id'
  | 'duplicate-catalog-number'
  | 'nothing-to-undo'
  | 'not-undoable'
  | 'undo-conflict'
  | 'storage-full'
  | 'write-failed'
  // Partners and pilots (issue 4): 'record-changed' is their stale-version refusal.
  | 'invalid-partner'
  | 'invalid-pilot'
  | 'record-changed'
  | 'project-number-exhausted'
  // Company application drafts: a field that is not text or too long.
  | 'invalid-application'
  // The province's hand-entered enterprise counts of the plan targets.
  | 'invalid-plan-count'
  // A long write the person stopped (the spreadsheet import's commit): its transaction rolled back.
  | 'cancelled'
  | PilotStageMoveError
  | StatusChangeError;

/** Per-row messages of a refused bulk import (row index in the input). */
export interface RowIssues {
  readonly index: number;
  readonly errors: FieldIssues;
}

/** A refused or failed write. Some codes carry what the UI needs to act. */
export type WriteFailure =
  | (DomainFailure<'invalid-scenario'> & { readonly errors: FieldIssues; readonly warnings: FieldIssues })
  | (DomainFailure<'invalid-rows'> & { readonly rows: readonly RowIssues[] })
  /** `current` is the stored record: show it, let the person re-apply their edit, save with its version. */
  | (DomainFailure<'version-conflict'> & { readonly current: Scenario })
  /** `duplicateOf` names the partner that already holds the credit code. */
  | (DomainFailure<'invalid-partner'> & { readonly errors: PartnerFieldIssues; readonly duplicateOf: ExistingPartnerRef | null })
  | (DomainFailure<'invalid-pilot'> & { readonly errors: PilotFieldIssues; readonly warnings: PilotFieldIssues })
  | DomainFailure<Exclude<WriteError, StructuredWriteError>>;

// Codes whose failures carry more than a message (built by their validators, not by refuse()).
type StructuredWriteError = 'invalid-scenario' | 'invalid-rows' | 'version-conflict' | 'invalid-partner' | 'invalid-pilot';

/** The outcome of a write. */
export type WriteResult<T> = { readonly ok: true; readonly value: T } | WriteFailure;

/**
 * Thrown inside a write transaction to refuse the write: the transaction aborts (so nothing of
 * it is kept, even if some rows were already put) and the write path returns the failure.
 */
export class WriteRefused extends Error {
  constructor(readonly failure: WriteFailure) {
    super(failure.message);
    this.name = 'WriteRefused';
  }
}

/** Throws a {@link WriteRefused} for a plain coded failure. */
export function refuse(error: Exclude<WriteError, StructuredWriteError>, text: LocalizedText, details?: readonly string[]): never {
  throw new WriteRefused(fail(error, text, details));
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const named = error as { name?: unknown; inner?: unknown; failures?: unknown };
  // Dexie wraps the IndexedDB error (DexieError.inner) or, for bulk writes, lists it
  // (BulkError.failures); the cause that names the problem may sit one level down.
  const causes = [named.inner, ...(Array.isArray(named.failures) ? named.failures.slice(0, 1) : [])].map(errorName);
  for (const cause of ['QuotaExceededError', 'ConstraintError']) {
    if (named.name === cause || causes.includes(cause)) return cause;
  }
  return typeof named.name === 'string' ? named.name : '';
}

/**
 * The failure for an error thrown by IndexedDB/Dexie during a write. The transaction was aborted,
 * so the stored data is as it was before; the message says so.
 */
export function storageFailure(error: unknown): WriteFailure {
  const name = errorName(error);
  if (name === 'QuotaExceededError') {
    return fail('storage-full', {
      zh: '存储空间已满，本次修改未保存，已有数据完好。请清理磁盘空间或移除演示数据后重试。',
      en: 'Storage is full. This change was not saved; existing data is intact. Free disk space or remove the demo data, then try again.',
    });
  }
  if (name === 'ConstraintError') {
    return fail('duplicate-catalog-number', {
      zh: '场景编号或记录标识与已有记录重复，本次修改未保存，已有数据完好。',
      en: 'A catalog number or record id duplicates an existing record. This change was not saved; existing data is intact.',
    });
  }
  const detail = name || (error instanceof Error ? error.message : String(error));
  return fail('write-failed', {
    zh: `保存失败（${detail}），本次修改未写入，已有数据完好。请重试；如仍失败，请重启应用。`,
    en: `Saving failed (${detail}). This change was not written; existing data is intact. Try again, or restart the app if it keeps failing.`,
  });
}

import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureMessage, localize, type LocalizedText } from '../../../shared/domain/localizedText';
import { asRegionCode } from '../../../shared/regions/regions';
import { checkImportFileSize } from '../../../shared/spreadsheet/importFile';
import { useRegions, useSettings } from '../../app/contexts';
import { useAtlasDb } from '../../db/atlasDbContext';
import { useCreateBackup } from '../../db/useBackups';
import { loadImportSnapshot, type ImportWrite } from '../../db/importRepository';
import { storageFailure } from '../../db/writeFailure';
import type { WriteContext } from '../../db/writePath';
import { isProgressWorthShowing, startImportCheck, startImportUndo, type CheckedImport, type CommitProgress, type ExistingChoice, type ImportCheck } from './importCheck';
import type { ImportRequest, ImportSummary } from './importProtocol';

export type { CommitProgress, ExistingChoice } from './importCheck';

/** Where an import is: checking the file, refused, showing the preview, or writing. */
export type ImportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'checking'; readonly fileName: string; readonly stage: 'read' | 'plan'; readonly done: number; readonly total: number }
  | { readonly phase: 'refused'; readonly fileName: string; readonly text: LocalizedText }
  | {
      readonly phase: 'preview' | 'committing';
      readonly fileName: string;
      readonly summary: ImportSummary;
      /** The checked rows, kept by the import worker: the preview reads its pages, the commit its records. */
      readonly plan: CheckedImport;
      readonly commitError: string | null;
      /** While committing: the step and rows done of total (null until the first chunk). */
      readonly progress: CommitProgress | null;
    };

/** The outcome of a commit for the caller's message. */
export type CommitOutcome = { readonly ok: true; readonly value: ImportWrite } | { readonly ok: false; readonly message: string };

/**
 * The spreadsheet import: checks a chosen file in a worker (progress, cancel), holds the preview,
 * commits the valid rows in one transaction and undoes a whole import. Null actions for a company.
 */
export function useScenarioImport() {
  const db = useAtlasDb();
  const createBackup = useCreateBackup();
  const regions = useRegions();
  const { settings } = useSettings();
  const { t } = useTranslation();
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const checkRef = useRef<ImportCheck | null>(null);
  // The plan of the preview shown: closed (its worker ended) when the import ends or another file is chosen.
  const planRef = useRef<CheckedImport | null>(null);
  // Counts checks started and cancels: a check whose number moved on while it read the file is dropped.
  const attemptRef = useRef(0);
  const commitAbortRef = useRef<AbortController | null>(null);
  const { unitCode, role, language } = settings;

  const ctx = useMemo((): WriteContext | null => {
    if (!unitCode || !role || role === 'company' || !regions.has(unitCode)) return null;
    return { db, regions, actor: { unitCode: asRegionCode(unitCode), role }, now: () => Date.now(), newId: () => crypto.randomUUID() };
  }, [db, regions, role, unitCode]);

  const stopCheck = useCallback(() => {
    attemptRef.current += 1;
    checkRef.current?.cancel();
    checkRef.current = null;
    planRef.current?.close();
    planRef.current = null;
  }, []);

  useEffect(function stopImportOnUnmount() {
    return function cancelImport() {
      checkRef.current?.cancel();
      commitAbortRef.current?.abort();
      planRef.current?.close();
    };
  }, []);

  const check = useCallback(
    async (file: File) => {
      if (!ctx) return;
      stopCheck();
      const attempt = attemptRef.current;
      const fileName = file.name;
      // Refuse a too-large file on its size, before reading a byte of it.
      const size = checkImportFileSize(file.size);
      if (!size.ok) {
        setState({ phase: 'refused', fileName, text: size.text });
        return;
      }
      setState({ phase: 'checking', fileName, stage: 'read', done: 0, total: 0 });
      const [bytes, snapshot] = await Promise.all([file.arrayBuffer(), loadImportSnapshot(db)]);
      if (attemptRef.current !== attempt) return; // cancelled while the file was read
      const request: ImportRequest = { fileName, bytes, unitCode: ctx.actor.unitCode, existingByNumber: snapshot.existingByNumber, existingIds: snapshot.existingIds, now: Date.now() };
      const running = startImportCheck(request, (stage, done, total) => {
        if (checkRef.current === running) setState({ phase: 'checking', fileName, stage, done, total });
      });
      checkRef.current = running;
      const outcome = await running.outcome;
      if (checkRef.current !== running) return; // cancelled, or another file chosen
      checkRef.current = null;
      if (outcome.kind === 'preview') {
        planRef.current = outcome.plan;
        startTransition(() => setState({ phase: 'preview', fileName, summary: outcome.summary, plan: outcome.plan, commitError: null, progress: null }));
      }
      else if (outcome.kind === 'refused') setState({ phase: 'refused', fileName, text: outcome.text });
    },
    [ctx, db, stopCheck],
  );

  /** Cancels the check, or the commit (its transaction rolls back: nothing is written). */
  const cancel = useCallback(() => {
    const running = commitAbortRef.current;
    if (running) {
      // The commit closes its plan once the worker has rolled its transaction back and said so
      // (closing it now would end the worker mid-write: rolled back too, but never reported).
      planRef.current = null;
      running.abort();
    }
    stopCheck();
    setState({ phase: 'idle' });
  }, [stopCheck]);

  /** Commits the preview; null when there is nothing to commit or the person cancelled. */
  const commit = useCallback(
    async (choice: ExistingChoice): Promise<CommitOutcome | null> => {
      if (!ctx || state.phase !== 'preview') return null;
      const preview = state;
      const abort = new AbortController();
      commitAbortRef.current = abort;
      let shown: CommitProgress | null = null;
      setState({ ...preview, phase: 'committing', commitError: null, progress: null });
      // Progress as a transition: it never delays a click on 取消.
      try {
        // A backup of the register as it was comes first (issue 6 item 6): without it, nothing is imported.
        const backup = await createBackup('import');
        if (abort.signal.aborted) return null;
        if (!backup.ok) {
          // The cause in the person's language (a backup failure carries both; `message` is Chinese).
          const message = t('import.backupFailed', { reason: failureMessage(backup, language) });
          setState({ ...preview, commitError: message });
          return { ok: false, message };
        }
        const request = { dbName: ctx.db.name, actor: ctx.actor, choice, batchId: crypto.randomUUID() };
        const result = await preview.plan
          .commit(request, {
            signal: abort.signal,
            onProgress: (stage, done, total) => {
              const next = { stage, done, total };
              if (!isProgressWorthShowing(shown, next)) return;
              shown = next;
              if (!abort.signal.aborted) startTransition(() => setState({ ...preview, phase: 'committing', commitError: null, progress: next }));
            },
          })
          // The worker failed (it answers every refusal as a result): its transaction rolled back with it.
          .catch((cause: unknown) => storageFailure(cause));
        if (result.ok) {
          if (planRef.current === preview.plan) planRef.current = null;
          preview.plan.close();
          setState({ phase: 'idle' });
          return { ok: true, value: result.value };
        }
        if (result.error === 'cancelled' || abort.signal.aborted) return null;
        const message = localize(result.text, language);
        setState({ ...preview, commitError: message });
        return { ok: false, message };
      } finally {
        if (commitAbortRef.current === abort) commitAbortRef.current = null;
        if (abort.signal.aborted) preview.plan.close();
      }
    },
    [createBackup, ctx, language, state, t],
  );

  /**
   * Undoes a whole import in one transaction, in chunks, in a worker (a 100k-row import takes a
   * while and must not block the page): progress as records undone of total.
   */
  const undoImport = useCallback(
    async (batchId: string, onProgress?: (done: number, total: number) => void): Promise<CommitOutcome | null> => {
      if (!ctx) return null;
      const result = await startImportUndo({ dbName: ctx.db.name, actor: ctx.actor, batchId }, (done, total) => onProgress?.(done, total)).catch((cause: unknown) => storageFailure(cause));
      return result.ok ? { ok: true, value: { batchId, created: 0, updated: 0, unchanged: 0 } } : { ok: false, message: localize(result.text, language) };
    },
    [ctx, language],
  );

  return { state, canImport: ctx !== null, check, cancel, commit, undoImport };
}

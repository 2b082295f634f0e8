import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { localize, type LocalizedText } from '../../../shared/domain/localizedText';
import { asRegionCode } from '../../../shared/regions/regions';
import { checkImportFileSize } from '../../../shared/spreadsheet/importFile';
import type { ImportRow, ImportUpdate } from '../../../shared/spreadsheet/scenarioImport';
import type { Scenario } from '../../../shared/domain/scenario';
import { useRegions, useSettings } from '../../app/contexts';
import { useAtlasDb } from '../../db/atlasDbContext';
import { useCreateBackup } from '../../db/useBackups';
import { commitImport, loadImportSnapshot, type ImportWrite } from '../../db/importRepository';
import { undo, type WriteContext } from '../../db/writePath';
import type { ImportRequest, ImportResponse, ImportSummary } from './importProtocol';

/** What to do with rows whose 场景编号 exists. */
export type ExistingChoice = 'update' | 'skip';

/** Where an import is: checking the file, refused, showing the preview, or writing. */
export type ImportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'checking'; readonly fileName: string; readonly stage: 'read' | 'plan'; readonly done: number; readonly total: number }
  | { readonly phase: 'refused'; readonly fileName: string; readonly text: LocalizedText }
  | { readonly phase: 'preview' | 'committing'; readonly fileName: string; readonly summary: ImportSummary; readonly rows: readonly ImportRow[]; readonly commitError: string | null };

/** The outcome of a commit for the caller's message. */
export type CommitOutcome = { readonly ok: true; readonly value: ImportWrite } | { readonly ok: false; readonly message: string };

/** The records and updates a preview commits with a choice for existing rows. */
export function commitOf(rows: readonly ImportRow[], choice: ExistingChoice): { records: Scenario[]; updates: ImportUpdate[] } {
  const records: Scenario[] = [];
  const updates: ImportUpdate[] = [];
  for (const row of rows) {
    if (row.action === 'new' && row.record) records.push(row.record);
    else if (row.action === 'existing' && row.update && choice === 'update') updates.push(row.update);
  }
  return { records, updates };
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The spreadsheet import: checks a chosen file in a worker (progress, cancel), holds the preview,
 * commits the valid rows in one transaction and undoes a whole import. Null actions for a company.
 */
export function useScenarioImport() {
  const db = useAtlasDb();
  const createBackup = useCreateBackup();
  const regions = useRegions();
  const { settings } = useSettings();
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const workerRef = useRef<Worker | null>(null);
  const { unitCode, role, language } = settings;

  const ctx = useMemo((): WriteContext | null => {
    if (!unitCode || !role || role === 'company' || !regions.has(unitCode)) return null;
    return { db, regions, actor: { unitCode: asRegionCode(unitCode), role }, now: () => Date.now(), newId: () => crypto.randomUUID() };
  }, [db, regions, role, unitCode]);

  const stopWorker = useCallback(() => {
    workerRef.current?.terminate();
    workerRef.current = null;
  }, []);

  useEffect(function stopWorkerOnUnmount() {
    return function terminateImportWorker() {
      workerRef.current?.terminate();
    };
  }, []);

  const check = useCallback(
    async (file: File) => {
      if (!ctx) return;
      stopWorker();
      const fileName = file.name;
      // Refuse a too-large file on its size, before reading a byte of it.
      const size = checkImportFileSize(file.size);
      if (!size.ok) {
        setState({ phase: 'refused', fileName, text: size.text });
        return;
      }
      setState({ phase: 'checking', fileName, stage: 'read', done: 0, total: 0 });
      const [bytes, snapshot] = await Promise.all([file.arrayBuffer(), loadImportSnapshot(db)]);
      const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
      workerRef.current = worker;
      const rows: ImportRow[] = [];
      worker.onmessage = (event: MessageEvent<ImportResponse>) => {
        if (workerRef.current !== worker) return; // cancelled
        const answer = event.data;
        switch (answer.type) {
          case 'progress':
            setState({ phase: 'checking', fileName, stage: answer.stage, done: answer.done, total: answer.total });
            break;
          case 'rows':
            rows.push(...answer.rows);
            break;
          case 'done':
            stopWorker();
            setState({ phase: 'preview', fileName, summary: answer.summary, rows, commitError: null });
            break;
          case 'refused':
            stopWorker();
            setState({ phase: 'refused', fileName, text: answer.text });
            break;
          case 'error':
            stopWorker();
            setState({ phase: 'refused', fileName, text: { zh: `检查文件时出错：${answer.message}`, en: `Checking the file failed: ${answer.message}` } });
            break;
        }
      };
      worker.onerror = (event) => {
        if (workerRef.current !== worker) return;
        stopWorker();
        console.error('[import] worker error', event.message);
        setState({ phase: 'refused', fileName, text: { zh: `检查文件时出错：${event.message}`, en: `Checking the file failed: ${event.message}` } });
      };
      const request: ImportRequest = { fileName, bytes, unitCode: ctx.actor.unitCode, existingByNumber: snapshot.existingByNumber, existingIds: snapshot.existingIds, now: Date.now() };
      worker.postMessage(request, [bytes]);
    },
    [ctx, db, stopWorker],
  );

  const cancel = useCallback(() => {
    stopWorker();
    setState({ phase: 'idle' });
  }, [stopWorker]);

  const commit = useCallback(
    async (choice: ExistingChoice): Promise<CommitOutcome | null> => {
      if (!ctx || state.phase !== 'preview') return null;
      setState({ ...state, phase: 'committing', commitError: null });
      // A backup of the register as it was comes first (issue 6 item 6): without it, nothing is imported.
      const backup = await createBackup('import');
      if (!backup.ok) {
        const message = language === 'en'
          ? `The backup taken before importing failed, so nothing was imported: ${backup.message}`
          : `导入前的备份失败，未导入任何内容：${backup.message}`;
        setState({ ...state, phase: 'preview', commitError: message });
        return { ok: false, message };
      }
      const result = await commitImport(ctx, commitOf(state.rows, choice), crypto.randomUUID(), { pause });
      if (result.ok) {
        setState({ phase: 'idle' });
        return { ok: true, value: result.value };
      }
      const message = localize(result.text, language);
      setState({ ...state, phase: 'preview', commitError: message });
      return { ok: false, message };
    },
    [createBackup, ctx, language, state],
  );

  const undoImport = useCallback(
    async (batchId: string): Promise<CommitOutcome | null> => {
      if (!ctx) return null;
      const result = await undo(ctx, { batchId });
      return result.ok ? { ok: true, value: { batchId, created: 0, updated: 0, unchanged: 0 } } : { ok: false, message: localize(result.text, language) };
    },
    [ctx, language],
  );

  return { state, canImport: ctx !== null, check, cancel, commit, undoImport };
}

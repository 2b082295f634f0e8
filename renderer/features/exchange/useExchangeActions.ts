import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fail, failureMessage } from '../../../shared/domain/localizedText';
import type { UnknownKey } from '../../../shared/exchange/package';
import type { PublicKeyText } from '../../../shared/exchange/signing';
import type { UnitIdentity } from '../../../shared/ipc/identityContract';
import type { RegionCode } from '../../../shared/regions/regions';
import { usePlatform, useSettings } from '../../app/contexts';
import { useAtlasDb } from '../../db/atlasDbContext';
import { createBackup } from '../../db/backupRepository';
import {
  applyImport,
  exportCatalogPackage,
  exportChangesPackage,
  openImport,
  resolveConflictEntry,
  revokeKey,
  trustKeys,
  type ConflictChoice,
  type ExchangeContext,
  type ExchangeResult,
  type ExportedPackage,
  type ExportMode,
  type ImportOutcome,
  type ImportPreview,
  type OpenResult,
} from '../../db/exchangeRepository';
import type { ExchangeProgress } from '../../db/exchangeProgress';
import { useWriteContext } from '../../db/useWriteContext';
import { buildPackageInWorker } from './buildPackageInWorker';
import { openPackageInWorker } from './openPackageInWorker';

/** What became of a save: the file name it was saved under, or null when the user cancelled. */
export type SaveOutcome = { readonly ok: true; readonly fileName: string | null; readonly records: number } | { readonly ok: false; readonly message: string; readonly isCancelled?: boolean };

/** Offers bytes as a download (the browser twin; Electron saves through the platform's dialog). */
function downloadBytes(fileName: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: Chromium starts the download from the click synchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** This installation's identity (public key and fingerprint), loaded once; null while loading. */
export function useUnitIdentity(): UnitIdentity | null {
  const platform = usePlatform();
  const [identity, setIdentity] = useState<UnitIdentity | null>(null);
  useEffect(
    function loadIdentity() {
      let isCurrent = true;
      platform.getIdentity().then(
        (loaded) => {
          if (isCurrent) setIdentity(loaded);
        },
        (error: unknown) => console.error('[exchange] reading the unit identity failed', error),
      );
      return function ignoreLateIdentity() {
        isCurrent = false;
      };
    },
    [platform],
  );
  return identity;
}

/**
 * The exchange area's actions: export (changes or catalog) and save, open a package (verify,
 * trust, preview), apply it, resolve conflicts, revoke a key. Null when no unit is set yet.
 */
export function useExchangeActions() {
  const db = useAtlasDb();
  const platform = usePlatform();
  const { settings } = useSettings();
  const identity = useUnitIdentity();
  const { unitCode, role } = settings;
  const { t, i18n } = useTranslation();

  const write = useWriteContext();
  const ctx = useMemo((): ExchangeContext | null => {
    if (write === null || identity === null) return null;
    return {
      ...write,
      identity: {
        publicKey: identity.publicKey as PublicKeyText,
        async sign(texts) {
          const signed = await platform.signTexts([...texts]);
          if (!signed.ok) throw new Error(`[exchange] signing refused: ${signed.message}`);
          return signed.value;
        },
      },
    };
  }, [identity, platform, write]);

  const save = useCallback(
    async (made: ExchangeResult<ExportedPackage>): Promise<SaveOutcome> => {
      if (!made.ok) return { ok: false, message: failureMessage(made, i18n.language), isCancelled: made.error === 'cancelled' };
      const { fileName, bytes, manifest } = made.value;
      const info = await platform.getAppInfo();
      if (info.platform !== 'electron') {
        downloadBytes(fileName, bytes);
        return { ok: true, fileName, records: manifest.counts.records };
      }
      const saved = await platform.saveFile({ suggestedName: fileName, extension: 'json', filterName: t('exchange.export.fileFilter'), bytes });
      if (!saved.ok) return { ok: false, message: failureMessage(saved, i18n.language) };
      return { ok: true, fileName: saved.value.status === 'saved' ? saved.value.fileName : null, records: manifest.counts.records };
    },
    [i18n.language, platform, t],
  );

  // Gathering runs in the page, in chunks; hashing, signing requests and the file's text in a worker.
  const exportChanges = useCallback(
    async (recipientUnit: RegionCode, mode: ExportMode, progress: ExchangeProgress = {}): Promise<SaveOutcome> => {
      if (!ctx) return { ok: false, message: t('exchange.export.noUnit') };
      return save(await exportChangesPackage(ctx, { recipientUnit, mode }, { build: buildPackageInWorker, progress }));
    },
    [ctx, save, t],
  );

  const publishCatalog = useCallback(
    async (progress: ExchangeProgress = {}): Promise<SaveOutcome> => {
      if (!ctx) return { ok: false, message: t('exchange.export.noUnit') };
      return save(await exportCatalogPackage(ctx, { build: buildPackageInWorker, progress }));
    },
    [ctx, save, t],
  );

  // Verification runs in a worker (progress, cancel); planning in the page, in chunks.
  const open = useCallback(
    async (bytes: Uint8Array, progress: ExchangeProgress): Promise<OpenResult | null> => {
      if (!ctx) return null;
      return openImport(ctx, bytes, { open: openPackageInWorker, progress });
    },
    [ctx],
  );

  const trustAndOpen = useCallback(
    async (keys: readonly UnknownKey[], bytes: Uint8Array, progress: ExchangeProgress): Promise<OpenResult | null> => {
      if (!ctx) return null;
      await trustKeys(db, keys, Date.now());
      return openImport(ctx, bytes, { open: openPackageInWorker, progress });
    },
    [ctx, db],
  );

  const apply = useCallback(
    async (preview: ImportPreview, progress: ExchangeProgress): Promise<ExchangeResult<ImportOutcome> | null> => {
      if (!ctx) return null;
      // Issue 6 item 6: a snapshot before every import; without one, nothing is imported.
      const backup = await createBackup(db, platform, 'import');
      if (!backup.ok) return fail('write-failed', { zh: `导入前备份失败（${failureMessage(backup, 'zh-CN')}），未导入任何数据`, en: `The backup before importing failed (${failureMessage(backup, 'en')}); nothing was imported` });
      return applyImport(ctx, preview, progress);
    },
    [ctx, db, platform],
  );

  const resolve = useCallback(
    async (conflictId: string, choice: ConflictChoice) => {
      if (!ctx) return null;
      return resolveConflictEntry(ctx, conflictId, choice);
    },
    [ctx],
  );

  const revoke = useCallback((unit: string, publicKey: string) => revokeKey(db, unit, publicKey), [db]);

  return { isReady: ctx !== null, unitCode, role, exportChanges, publishCatalog, open, trustAndOpen, apply, resolve, revoke };
}

/** The actions of {@link useExchangeActions}. */
export type ExchangeActions = ReturnType<typeof useExchangeActions>;

import { useMemo } from 'react';
import { localize } from '../../../shared/domain/localizedText';
import type { ApplicationFile } from '../../../shared/partners/application';
import { useSettings } from '../../app/contexts';
import { markApplicationExported, saveApplicationDraft, type ApplicationDraftValues } from '../../db/applicationRepository';
import type { ApplicationRow } from '../../db/atlasDb';
import { importApplicationAsPilot, type ApplicationImportWrite } from '../../db/pilotRepository';
import type { WriteResult } from '../../db/writePath';
import { useWriteContext } from '../../db/useWriteContext';

/** A write's outcome for the UI: the value, or the message in the current language. */
export type CompanyActionResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** The writes of company mode (drafts) and of receiving an application (offices). */
export interface CompanyActions {
  readonly saveDraft: (scenarioId: string, values: ApplicationDraftValues) => Promise<CompanyActionResult<ApplicationRow>>;
  readonly markExported: (draftId: string) => Promise<CompanyActionResult<ApplicationRow>>;
  readonly importApplication: (application: ApplicationFile) => Promise<CompanyActionResult<ApplicationImportWrite>>;
}

/** Binds the application writes to this installation's unit and role; null until first run is done. */
export function useCompanyActions(): CompanyActions | null {
  const ctx = useWriteContext();
  const { language } = useSettings().settings;
  return useMemo(() => {
    if (!ctx) return null;
    function outcome<T, U>(result: WriteResult<T>, pick: (value: T) => U): CompanyActionResult<U> {
      if (result.ok) return { ok: true, value: pick(result.value) };
      const shown = result.details?.slice(0, 3) ?? [];
      const isChinese = language.startsWith('zh');
      const details = shown.length === 0 ? '' : isChinese ? `（${shown.join('；')}）` : ` (${shown.join('; ')})`;
      return { ok: false, message: `${localize(result.text, language)}${details}` };
    }
    return {
      saveDraft: async (scenarioId, values) => outcome(await saveApplicationDraft(ctx, scenarioId, values), (w) => w.draft),
      markExported: async (draftId) => outcome(await markApplicationExported(ctx, draftId), (row) => row),
      importApplication: async (application) => outcome(await importApplicationAsPilot(ctx, application), (w) => w),
    };
  }, [ctx, language]);
}

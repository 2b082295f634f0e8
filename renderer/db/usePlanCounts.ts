import { useCallback } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { fail } from '../../shared/domain/localizedText';
import type { ExternalPlanCountsEntry } from '../../shared/partners/dashboard';
import { useAtlasDb } from './atlasDbContext';
import { readExternalPlanCounts, saveExternalPlanCounts } from './planCountsRepository';
import { useWriteContext } from './useWriteContext';
import type { WriteResult } from './writeFailure';

/** The province's hand-entered enterprise counts, live, and how to save new ones. */
export interface PlanCounts {
  /** undefined while loading, null when none were entered. */
  readonly entry: ExternalPlanCountsEntry | null | undefined;
  /** Only the province office may enter them. */
  readonly canEdit: boolean;
  readonly save: (input: unknown) => Promise<WriteResult<ExternalPlanCountsEntry>>;
}

/** The enterprise counts of the plan targets for components, which never touch the database. */
export function usePlanCounts(): PlanCounts {
  const db = useAtlasDb();
  const ctx = useWriteContext();
  const entry = useLiveQuery(() => readExternalPlanCounts(db), [db]);
  const save = useCallback(
    async (input: unknown): Promise<WriteResult<ExternalPlanCountsEntry>> =>
      ctx
        ? saveExternalPlanCounts(ctx.db, ctx.actor, input, ctx.now())
        : fail('read-only-role', {
            zh: '请先在设置中选择单位和角色',
            en: 'Choose your unit and role in the settings first',
          }),
    [ctx],
  );
  return { entry, canEdit: ctx?.actor.role === 'province', save };
}

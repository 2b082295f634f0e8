import { useCallback } from 'react';
import type { Partner } from '../../shared/partners/partner';
import type { Pilot } from '../../shared/partners/pilot';
import { useAtlasDb } from './atlasDbContext';
import { listPartners } from './partnerRepository';
import { listPilots } from './pilotRepository';

/** The live pilots and partners, read once in one transaction (for an export's 试点项目 and 伙伴单位 sheets). */
export function usePartnerPlanReader(): () => Promise<{ readonly pilots: Pilot[]; readonly partners: Partner[] }> {
  const db = useAtlasDb();
  return useCallback(
    () => db.transaction('r', db.pilots, db.partners, async () => ({ pilots: await listPilots(db), partners: await listPartners(db) })),
    [db],
  );
}

import { useMemo } from 'react';
import { asRegionCode } from '../../shared/regions/regions';
import { useRegions, useSettings } from '../app/contexts';
import { useAtlasDb } from './atlasDbContext';
import type { WriteContext } from './writePath';

/**
 * The write context of this installation: its database, the regions, and its unit and role from
 * settings as the actor. Null until the first run has chosen a known unit and a role. Every hook
 * that writes (register, pilots, company, import, exchange) binds its actions to this one.
 */
export function useWriteContext(): WriteContext | null {
  const db = useAtlasDb();
  const regions = useRegions();
  const { unitCode, role } = useSettings().settings;
  return useMemo(() => {
    if (!unitCode || !role || !regions.has(unitCode)) return null;
    return {
      db,
      regions,
      actor: { unitCode: asRegionCode(unitCode), role },
      now: () => Date.now(),
      newId: () => crypto.randomUUID(),
    };
  }, [db, regions, unitCode, role]);
}

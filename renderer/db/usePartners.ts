import { useLiveQuery } from 'dexie-react-hooks';
import type { ChangeRecord } from '../../shared/domain/changeRecord';
import type { Partner } from '../../shared/partners/partner';
import { useAtlasDb } from './atlasDbContext';
import { getPartner, listPartners } from './partnerRepository';
import { getHistory } from './scenarioRepository';

/** Partners (live; with `includeDeleted` the deleted ones too), by name, live; undefined while loading. */
export function usePartners(options: { readonly includeDeleted?: boolean } = {}): readonly Partner[] | undefined {
  const db = useAtlasDb();
  const includeDeleted = options.includeDeleted === true;
  return useLiveQuery(() => listPartners(db, { includeDeleted }), [db, includeDeleted]);
}

/** One partner, live: undefined while loading, null when there is none (or no id). */
export function usePartner(id: string | null): Partner | null | undefined {
  const db = useAtlasDb();
  return useLiveQuery(async () => (id === null ? null : ((await getPartner(db, id)) ?? null)), [db, id]);
}

/** The change log of one partner, oldest first; undefined while loading. */
export function usePartnerHistory(id: string | null): readonly ChangeRecord[] | undefined {
  const db = useAtlasDb();
  return useLiveQuery(async () => (id === null ? [] : getHistory(db, id, 'partner')), [db, id]);
}

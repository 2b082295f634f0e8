import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ChangeRecord } from '../../shared/domain/changeRecord';
import type { Scenario } from '../../shared/domain/scenario';
import type { Partner } from '../../shared/partners/partner';
import type { Pilot } from '../../shared/partners/pilot';
import { toPartner } from './atlasDb';
import { useAtlasDb } from './atlasDbContext';
import { getPilot, listPilots, listScenarioPilots, ownedScenarioRefs, scenariosById, type OwnedScenarioRef } from './pilotRepository';
import { useLiveScenarioRows } from './useScenarios';
import { getHistory } from './scenarioRepository';

/** Every live pilot, newest first, live; undefined while loading. */
export function usePilots(): readonly Pilot[] | undefined {
  const db = useAtlasDb();
  return useLiveQuery(() => listPilots(db), [db]);
}

/** The live pilots of one scenario, live; undefined while loading. */
export function useScenarioPilots(scenarioId: string | null): readonly Pilot[] | undefined {
  const db = useAtlasDb();
  return useLiveQuery(async () => (scenarioId === null ? [] : listScenarioPilots(db, scenarioId)), [db, scenarioId]);
}

/** One pilot, live: undefined while loading, null when there is none (or no id). */
export function usePilot(id: string | null): Pilot | null | undefined {
  const db = useAtlasDb();
  return useLiveQuery(async () => (id === null ? null : ((await getPilot(db, id)) ?? null)), [db, id]);
}

/** The change log of one pilot (its timeline: creation, edits, stage moves with notes), oldest first. */
export function usePilotHistory(id: string | null): readonly ChangeRecord[] | undefined {
  const db = useAtlasDb();
  return useLiveQuery(async () => (id === null ? [] : getHistory(db, id, 'pilot')), [db, id]);
}

/** The scenarios of these pilots, by id, live; undefined while loading. */
export function usePilotScenarios(pilots: readonly Pick<Pilot, 'scenarioId'>[] | undefined): ReadonlyMap<string, Scenario> | undefined {
  const db = useAtlasDb();
  const key = pilots ? [...new Set(pilots.map((p) => p.scenarioId))].sort().join(',') : null;
  return useLiveQuery(async () => (key === null ? undefined : scenariosById(db, key === '' ? [] : key.split(','))), [db, key]);
}

/** Partners by id (deleted ones too), live: every partner, for names on cards and in tables. */
export function usePartnerNames(): ReadonlyMap<string, Partner> | undefined {
  const db = useAtlasDb();
  return useLiveQuery(async () => new Map((await db.partners.toArray()).map((row) => [row.id, toPartner(row)])), [db]);
}

/**
 * The live scenarios a unit owns (the pilot form's scenario choice), live. Derived from the live
 * rows kept in memory (useLiveScenarioRows): since the register is paged (schema v9) there is no
 * owner index, and a live query would read every page again after each write.
 */
export function useOwnedScenarioRefs(unitCode: string | null): readonly OwnedScenarioRef[] | undefined {
  const rows = useLiveScenarioRows();
  return useMemo(() => (rows === undefined ? undefined : unitCode === null ? [] : ownedScenarioRefs(rows, unitCode)), [rows, unitCode]);
}

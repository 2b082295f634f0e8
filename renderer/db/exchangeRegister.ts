/**
 * The register tables as the exchange sees them (issue 6): scenarios, pilots and partners received
 * in a package are written to their own tables, so a city sees its counties' pilots and partners on
 * its 试点项目 / 伙伴单位 screens (read-only there: the repositories refuse edits by other units).
 * This file maps between those rows and the merge's plain records, and guards each table's unique
 * number (场景编号, 项目编号, 统一社会信用代码) against a received record taking one held here.
 */
import type { Table } from 'dexie';
import type { ChangeEntity, JsonValue } from '../../shared/domain/changeRecord';
import type { LocalizedText } from '../../shared/domain/localizedText';
import { isMaterializedEntity, type MaterializedRecord, type PreviousVersion } from '../../shared/exchange/materialize';
import { bulkGetInChunks, WRITE_CHUNK, type WriteProgress } from './exchangeProgress';
import { catalogHolders, readScenarioPages, ScenarioWriter, type ScenarioPagesRead } from './scenarioPages';
import { toPartner, toPartnerRow, toPilot, toPilotRow, toScenario, toScenarioRow, type AtlasDb, type PartnerRow, type PilotRow, type ScenarioRow } from './atlasDb';

/** A stored register row, tagged with its entity. */
export type RegisterRow =
  | { readonly entity: 'scenario'; readonly row: ScenarioRow }
  | { readonly entity: 'pilot'; readonly row: PilotRow }
  | { readonly entity: 'partner'; readonly row: PartnerRow };

/**
 * The register rows of these records (by id), each read from the table of its entity; ids of
 * entities the register does not keep as rows are skipped. With them, the scenario pages read
 * (for the merge's write to start from: {@link writeRegisterRows}).
 */
export async function readRegisterRows(db: AtlasDb, entityOf: ReadonlyMap<string, ChangeEntity>): Promise<{ rows: Map<string, RegisterRow>; scenarioPages: ScenarioPagesRead }> {
  const ids = { scenario: [] as string[], pilot: [] as string[], partner: [] as string[] };
  for (const [id, entity] of entityOf) if (isMaterializedEntity(entity)) ids[entity].push(id);
  // In chunks: one bulkGet of 100k rows is deep-cloned in one long task (exchangeProgress.ts).
  // Scenarios are read a few pages a request already, each page once (chunks of ids would read a
  // page for each chunk with an id on it).
  const scenarios = await readScenarioPages(db, ids.scenario);
  const [pilots, partners] = await Promise.all([bulkGetInChunks(db.pilots, ids.pilot), bulkGetInChunks(db.partners, ids.partner)]);
  const rows = new Map<string, RegisterRow>();
  scenarios.rows.forEach((row) => row && rows.set(row.id, { entity: 'scenario', row }));
  pilots.forEach((row) => row && rows.set(row.id, { entity: 'pilot', row }));
  partners.forEach((row) => row && rows.set(row.id, { entity: 'partner', row }));
  return { rows, scenarioPages: scenarios.pages };
}

/** The domain record of a row as the merge holds it (plain fields, no database-only columns). */
export function recordOfRow(stored: RegisterRow): Record<string, JsonValue> {
  switch (stored.entity) {
    case 'scenario':
      return toScenario(stored.row) as unknown as Record<string, JsonValue>;
    case 'pilot':
      return toPilot(stored.row) as unknown as Record<string, JsonValue>;
    case 'partner':
      return toPartner(stored.row) as unknown as Record<string, JsonValue>;
  }
}

/** What a rebuilt record carries over from the stored one. */
export function previousOf(stored: RegisterRow): PreviousVersion {
  return { createdAt: stored.row.createdAt, version: stored.row.version };
}

/** The row to store for a materialised record. */
export function toRegisterRow(built: MaterializedRecord): RegisterRow {
  switch (built.entity) {
    case 'scenario':
      return { entity: 'scenario', row: toScenarioRow(built.record) };
    case 'pilot':
      return { entity: 'pilot', row: toPilotRow(built.record) };
    case 'partner':
      return { entity: 'partner', row: toPartnerRow(built.record) };
  }
}

/** The record's name as a person knows it (the preview's samples). */
export function titleOf(stored: RegisterRow): string {
  return stored.entity === 'partner' ? stored.row.name : stored.row.title;
}

/** The record's unique number in its table (catalog number, project number, credit code). */
function uniqueValueOf(stored: RegisterRow): string {
  switch (stored.entity) {
    case 'scenario':
      return stored.row.catalogNumber;
    case 'pilot':
      return stored.row.projectNumber;
    case 'partner':
      return stored.row.creditCode;
  }
}

function duplicateText(stored: RegisterRow): LocalizedText {
  const value = uniqueValueOf(stored);
  switch (stored.entity) {
    case 'scenario':
      return { zh: `场景编号 ${value} 已被本机的另一条记录使用，该记录未导入`, en: `Catalog number ${value} is held by another record here; this record was not imported` };
    case 'pilot':
      return { zh: `项目编号 ${value} 已被本机的另一个试点项目使用，该试点未导入`, en: `Project number ${value} is held by another pilot here; this pilot was not imported` };
    case 'partner':
      return {
        zh: `统一社会信用代码 ${value} 已登记为本机的另一个伙伴单位（同一单位只登记一次），该伙伴单位未导入`,
        en: `Credit code ${value} is registered here as another partner (an organisation is registered once); this partner was not imported`,
      };
  }
}

/** [number, id] of the rows of `table` whose `index` holds one of `values`. */
async function holdersIn<R>(table: Table<R, string>, index: string, values: readonly string[]): Promise<[string, string][]> {
  if (values.length === 0) return [];
  const collection = table.where(index).anyOf([...values]);
  // keys() and primaryKeys() of one index collection come in the same (index) order.
  const [numbers, ids] = await Promise.all([collection.keys(), collection.clone().primaryKeys()]);
  return numbers.map((number, position) => [String(number), String(ids[position])]);
}

/** Who holds these unique numbers here, by `entity number` (one index query per table). */
async function uniqueHolders(db: AtlasDb, rows: readonly RegisterRow[]): Promise<Map<string, string>> {
  const wanted = { scenario: [] as string[], pilot: [] as string[], partner: [] as string[] };
  for (const stored of rows) wanted[stored.entity].push(uniqueValueOf(stored));
  const [scenarios, pilots, partners] = await Promise.all([
    catalogHolders(db, wanted.scenario).then((found) => [...found]),
    holdersIn(db.pilots, 'projectNumber', wanted.pilot),
    holdersIn(db.partners, 'creditCode', wanted.partner),
  ]);
  const holder = new Map<string, string>();
  for (const [entity, found] of [['scenario', scenarios], ['pilot', pilots], ['partner', partners]] as const) {
    for (const [number, id] of found) holder.set(`${entity} ${number}`, id);
  }
  return holder;
}

/**
 * Drops the rows whose unique number another record holds (here, or earlier in `rows`), noting
 * each in `refused`. Only numbers a record did not already hold here are looked up.
 */
export async function keepUniqueRows(db: AtlasDb, rows: readonly RegisterRow[], stored: ReadonlyMap<string, RegisterRow>, refused: Map<string, LocalizedText>): Promise<RegisterRow[]> {
  const fresh = rows.filter((candidate) => {
    const held = stored.get(candidate.row.id);
    return held === undefined || uniqueValueOf(held) !== uniqueValueOf(candidate);
  });
  const holder = fresh.length > 0 ? await uniqueHolders(db, fresh) : new Map<string, string>();
  const seen = new Map<string, string>();
  return rows.filter((candidate) => {
    const key = `${candidate.entity} ${uniqueValueOf(candidate)}`;
    const other = holder.get(key) ?? seen.get(key);
    seen.set(key, candidate.row.id);
    if (other === undefined || other === candidate.row.id) return true;
    refused.set(candidate.row.id, duplicateText(candidate));
    return false;
  });
}

/**
 * Writes the rows to their tables, in chunks counted by `writer`; inside the caller's transaction.
 * `scenarioPages`: pages read in this state before (the plan's), not read again.
 */
export async function writeRegisterRows(db: AtlasDb, rows: readonly RegisterRow[], writer: WriteProgress, scenarioPages?: ScenarioPagesRead): Promise<void> {
  const scenarios: ScenarioRow[] = [];
  const pilots: PilotRow[] = [];
  const partners: PartnerRow[] = [];
  for (const stored of rows) {
    if (stored.entity === 'scenario') scenarios.push(stored.row);
    else if (stored.entity === 'pilot') pilots.push(stored.row);
    else partners.push(stored.row);
  }
  // Scenarios are put as pages (scenarioPages.ts): taken a chunk at a time, each page put once.
  const pages = new ScenarioWriter(db, scenarioPages);
  for (let start = 0; start < scenarios.length; start += WRITE_CHUNK) {
    writer.advance(0);
    await pages.put(scenarios.slice(start, start + WRITE_CHUNK));
  }
  let put = 0;
  await pages.flush((done, total) => {
    const reached = Math.round((scenarios.length * done) / total);
    writer.advance(reached - put);
    put = reached;
  });
  await writer.put(db.partners, partners);
  await writer.put(db.pilots, pilots);
}

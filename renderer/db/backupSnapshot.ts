/**
 * The backup file itself (issue 6 item 6), with no workers in sight so that the workers can use it
 * (backupWorker.ts, restoreWorker.ts); backupRepository.ts runs these off the page.
 *
 * - {@link snapshotBytes} dumps every table in one read transaction into a versioned JSON file
 *   with a SHA-256 of its tables.
 * - {@link checkSnapshot} checks ALL of a file — format, schema version, hash, the set of tables
 *   and counts, every row's key, and scenarios, pilots and change records against their domain
 *   schemas; {@link restoreStepsHere} then writes what it checked in ONE transaction. What the
 *   register derives from its scenarios (the catalog numbers' pages, the counts row, schema v9) is
 *   rebuilt from them, not taken from the file.
 *
 * The clock and the catalog-number sequences never go backwards on restore: stamps and numbers
 * issued after the backup may already have left in an exchange package, so reusing them would
 * make two different edits (or records) look like one.
 */
import Dexie, { type Table } from 'dexie';
import { z } from 'zod';
import { BACKUP_REASONS, type BackupReason } from '../../shared/backup/backupName';
import { scenarioRecordSchema } from '../../shared/domain/scenario';
import { compareHlc, parseHlc } from '../../shared/domain/hlc';
import { changeRecordSchema } from '../../shared/exchange/package';
import type { BackupError } from '../../shared/ipc/filesContract';
import { pilotRecordSchema } from '../../shared/partners/pilot';
import { fail, type LocalizedText } from '../../shared/domain/localizedText';
import { ok, type Result } from '../../shared/result';
import { AtlasDb, toPilot, toPilotRow, toScenario, toScenarioRow, type MetaRow, type PilotRow, type ScenarioRow } from './atlasDb';
import { declareSchemaVersions } from './schema';
import { rowRecords } from './schema/v11';
import { withoutFill, type Fillable } from './blobSized';
import type { ExchangeRecordsRow } from './exchangeRows';
import { META_KEYS } from './metaStore';
import { countsOf, inRowOrder, REGISTER_PAGE_COUNT, scenarioPageOf, SCENARIO_COUNTS_KEY, toCatalogPages, type ScenarioPageRowV9 } from './schema/v9';

/** The `format` of a backup file. */
export const BACKUP_FORMAT = 'scenario-atlas-backup';
/** The version of the backup file layout (not of the database schema, which is recorded beside it). */
export const BACKUP_FORMAT_VERSION = 1;

/** Why a restore was refused or failed; its own failures say it in Chinese and English (fail()). */
export type RestoreError = BackupError | 'invalid-backup' | 'version-mismatch' | 'hash-mismatch' | 'backup-before-restore-failed' | 'storage';

const headerSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    formatVersion: z.number().int(),
    schemaVersion: z.number().int().min(1),
    createdAt: z.number().int().min(0),
    reason: z.enum(BACKUP_REASONS),
    counts: z.record(z.string(), z.number().int().min(0)),
    tables: z.record(z.string(), z.array(z.unknown())),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

/** At most this many row problems are listed in a refusal. */
const MAX_LISTED_PROBLEMS = 10;

/** An error's message, for a refusal or a log line. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Refuses values JSON would not give back as they were (typed arrays, dates, maps, functions,
 * non-finite numbers): a backup that restores differently from what was saved is worse than none.
 */
function assertJsonPlain(value: unknown, where: string): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item === 'string' || typeof item === 'boolean' || item === undefined) continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) throw new Error(`[backup] ${where} holds a number JSON cannot keep (${String(item)})`);
      continue;
    }
    if (Array.isArray(item)) {
      for (const element of item) stack.push(element);
      continue;
    }
    if (typeof item === 'object' && Object.getPrototypeOf(item) === Object.prototype) {
      for (const key in item) stack.push((item as Record<string, unknown>)[key]);
      continue;
    }
    throw new Error(`[backup] ${where} holds a value JSON cannot keep (${Object.prototype.toString.call(item)})`);
  }
}

/**
 * Every table's rows as stored, read in one transaction so the snapshot is consistent. Received
 * records packed in the exchange log (schema v11) are written as their records, which JSON keeps
 * and the restore checks one by one; they are restored unpacked, a form the log reads as well.
 * Rows filled past the blob threshold are written without their fill.
 */
async function dumpTables(db: AtlasDb): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) tables[table.name] = await table.toArray();
  });
  if (tables.exchangeRecords) tables.exchangeRecords = (tables.exchangeRecords as ExchangeRecordsRow[]).map((row) => ({ firstSeq: row.firstSeq, records: rowRecords(row) }));
  // The fill of big rows only takes a blob file past its threshold in IndexedDB (blobSized.ts).
  for (const name of ['mergePages', 'exchangeBatches']) if (tables[name]) tables[name] = (tables[name] as Fillable[]).map(withoutFill);
  for (const [name, rows] of Object.entries(tables)) assertJsonPlain(rows, `table ${name}`);
  return tables;
}

/** The backup file of the current database: UTF-8 JSON, the SHA-256 of its `tables` at the end. */
export async function snapshotBytes(db: AtlasDb, reason: BackupReason, now: number): Promise<Uint8Array> {
  const tables = await dumpTables(db);
  const counts = Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
  const head = JSON.stringify({ format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, schemaVersion: db.verno, createdAt: now, reason, counts });
  const encoder = new TextEncoder();
  const prefix = encoder.encode(`${head.slice(0, -1)},"tables":`);
  const body = encoder.encode(JSON.stringify(tables));
  const suffix = encoder.encode(`,"sha256":"${await sha256Hex(body)}"}`);
  const out = new Uint8Array(prefix.length + body.length + suffix.length);
  out.set(prefix, 0);
  out.set(body, prefix.length);
  out.set(suffix, prefix.length + body.length);
  return out;
}

/** A checked snapshot, ready to write: rows per table, derived columns rebuilt. */
interface CheckedSnapshot {
  readonly rows: ReadonlyMap<string, readonly unknown[]>;
  readonly counts: Readonly<Record<string, number>>;
}

function keyIsValid(row: Record<string, unknown>, keyPath: string | string[] | null): boolean {
  if (keyPath === null) return true;
  const paths = typeof keyPath === 'string' ? [keyPath] : keyPath;
  return paths.every((path) => {
    const value = row[path];
    return (typeof value === 'string' && value.length > 0) || (typeof value === 'number' && Number.isFinite(value));
  });
}

/** The tables a database of schema `version` has, by name. */
function schemaTables(version: number): string[] {
  const probe = new Dexie(`scenario-atlas-schema-probe-${String(version)}`);
  declareSchemaVersions(probe, version);
  // Declaring versions builds the table list without opening (or creating) the database.
  return probe.tables.map((table) => table.name);
}

/** Null when the backup holds exactly the tables its schema version has, else what differs. */
function sameTables(expected: readonly string[], present: readonly string[]): LocalizedText | null {
  const missing = expected.filter((name) => !present.includes(name));
  const extra = present.filter((name) => !expected.includes(name));
  if (missing.length === 0 && extra.length === 0) return null;
  return {
    zh: `备份中的数据表与其数据库版本不一致（缺少：${missing.join('、') || '无'}；多出：${extra.join('、') || '无'}）`,
    en: `The backup's tables do not match its database version (missing: ${missing.join(', ') || 'none'}; extra: ${extra.join(', ') || 'none'})`,
  };
}

/** The end of every refusal: nothing was changed. */
const UNCHANGED: LocalizedText = { zh: '数据未作任何改动。', en: 'Nothing was changed.' };

/**
 * The tables of a backup from an older schema version as the current version holds them: loaded
 * into a temporary database declared up to that version, which is then opened at the current
 * version so the app's own upgrade steps (renderer/db/schema) run on it, and read back. The
 * temporary database is deleted whatever happens; the register is not touched.
 */
async function upgradedTables(tables: Readonly<Record<string, readonly unknown[]>>, fromVersion: number): Promise<Record<string, unknown[]>> {
  const name = `scenario-atlas-restore-${crypto.randomUUID()}`;
  try {
    const old = new Dexie(name);
    declareSchemaVersions(old, fromVersion);
    try {
      await old.open();
      await old.transaction('rw', old.tables, async () => {
        for (const table of old.tables) {
          const rows = tables[table.name] ?? [];
          if (rows.length > 0) await table.bulkAdd(rows as unknown[]);
        }
      });
    } finally {
      old.close();
    }
    const upgraded = new AtlasDb(name);
    try {
      return await dumpTables(upgraded);
    } finally {
      upgraded.close();
    }
  } finally {
    await Dexie.delete(name);
  }
}

/** Checks a backup file through and through; nothing is written here. */
export async function checkSnapshot(db: AtlasDb, bytes: Uint8Array): Promise<Result<CheckedSnapshot, RestoreError>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return fail('invalid-backup', {
      zh: `备份文件已损坏，无法读取（${messageOf(error)}）。${UNCHANGED.zh}`,
      en: `The backup file is damaged and cannot be read (${messageOf(error)}). ${UNCHANGED.en}`,
    });
  }
  const header = headerSchema.safeParse(parsed);
  if (!header.success) return fail('invalid-backup', { zh: `这不是本应用的备份文件，或文件不完整。${UNCHANGED.zh}`, en: `This is not a backup of this app, or it is incomplete. ${UNCHANGED.en}` });
  const snapshot = header.data;
  if (snapshot.formatVersion !== BACKUP_FORMAT_VERSION || snapshot.schemaVersion > db.verno) {
    return fail('version-mismatch', {
      zh: `备份来自更新版本的应用（备份第 ${snapshot.schemaVersion} 版数据库、第 ${snapshot.formatVersion} 版格式，本机为第 ${db.verno} 版），请先升级应用再恢复。${UNCHANGED.zh}`,
      en: `The backup comes from a newer version of the app (database version ${snapshot.schemaVersion}, format ${snapshot.formatVersion}; this app has version ${db.verno}). Update the app, then restore. ${UNCHANGED.en}`,
    });
  }
  const body = new TextEncoder().encode(JSON.stringify(snapshot.tables));
  if ((await sha256Hex(body)) !== snapshot.sha256) {
    return fail('hash-mismatch', {
      zh: `备份文件的校验值不符，文件可能被改动或损坏。${UNCHANGED.zh}`,
      en: `The backup file's checksum does not match: it may have been altered or damaged. ${UNCHANGED.en}`,
    });
  }

  const tableMismatch = sameTables(schemaTables(snapshot.schemaVersion), Object.keys(snapshot.tables));
  if (tableMismatch) return fail('invalid-backup', { zh: `${tableMismatch.zh}。${UNCHANGED.zh}`, en: `${tableMismatch.en}. ${UNCHANGED.en}` });
  const miscounted = Object.entries(snapshot.tables).filter(([name, list]) => snapshot.counts[name] !== list.length);
  if (miscounted.length > 0) {
    const names = miscounted.map(([name]) => name);
    return fail('invalid-backup', {
      zh: `备份中的记录数与清单不符（${names.join('、')}），文件可能不完整。${UNCHANGED.zh}`,
      en: `The backup's row counts do not match its list (${names.join(', ')}): the file may be incomplete. ${UNCHANGED.en}`,
    });
  }
  let tables = snapshot.tables;
  if (snapshot.schemaVersion < db.verno) {
    try {
      tables = await upgradedTables(snapshot.tables, snapshot.schemaVersion);
    } catch (error) {
      return fail('invalid-backup', {
        zh: `备份来自第 ${snapshot.schemaVersion} 版数据库，升级到第 ${db.verno} 版时失败（${messageOf(error)}）。${UNCHANGED.zh}`,
        en: `The backup has database version ${snapshot.schemaVersion}; upgrading it to version ${db.verno} failed (${messageOf(error)}). ${UNCHANGED.en}`,
      });
    }
  }
  const problems: LocalizedText[] = [];
  const note = (text: LocalizedText) => {
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push(text);
  };
  const rows = new Map<string, unknown[]>();
  for (const table of db.tables as Table<unknown, unknown>[]) {
    const list = tables[table.name] ?? [];
    const keyPath = table.schema.primKey.keyPath ?? null;
    const out: unknown[] = [];
    list.forEach((raw, index) => {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !keyIsValid(raw as Record<string, unknown>, keyPath)) {
        note({ zh: `${table.name} 第 ${index + 1} 条：缺少有效的主键`, en: `${table.name} row ${index + 1}: no valid key` });
        return;
      }
      out.push(checkRow(table.name, raw as Record<string, unknown>, index, note));
    });
    rows.set(table.name, out);
  }
  const scenarios = registerOf(rows, note);
  if (problems.length > 0) {
    return fail(
      'invalid-backup',
      {
        zh: `备份中有无效记录，未恢复任何数据：${problems.map((problem) => problem.zh).join('；')}`,
        en: `The backup holds invalid rows; nothing was restored: ${problems.map((problem) => problem.en).join('; ')}`,
      },
      problems.map((problem) => problem.zh),
    );
  }
  return ok({ rows, counts: { ...Object.fromEntries([...rows].map(([name, list]) => [name, list.length])), scenarios: scenarios.length } });
}

/**
 * The checked scenarios of the pages; the catalog pages and the counts row in `rows` rebuilt from
 * them (a file cannot make them disagree). Notes an id or 场景编号 held twice.
 */
function registerOf(rows: Map<string, unknown[]>, note: (text: LocalizedText) => void): ScenarioRow[] {
  // A page the check refused (noted already) is returned as it was: its rows are not counted.
  const all = ((rows.get('scenarioPages') ?? []) as ScenarioPageRowV9[]).flatMap((page) => (Array.isArray(page.rows) ? page.rows : []));
  const ids = new Set<string>();
  const numbers = new Set<string>();
  for (const row of all) {
    if (ids.has(row.id)) note({ zh: `场景 ${row.id} 出现了两次`, en: `Scenario ${row.id} appears twice` });
    if (numbers.has(row.catalogNumber)) note({ zh: `场景编号 ${row.catalogNumber} 出现了两次`, en: `Catalog number ${row.catalogNumber} appears twice` });
    ids.add(row.id);
    numbers.add(row.catalogNumber);
  }
  rows.set('catalogPages', toCatalogPages(all));
  const meta = (rows.get('meta') ?? []).filter((row) => (row as MetaRow).key !== SCENARIO_COUNTS_KEY);
  rows.set('meta', [...meta, { key: SCENARIO_COUNTS_KEY, value: countsOf(all) } satisfies MetaRow]);
  return all;
}

/** The row to write: domain tables re-validated, their database-only columns rebuilt. */
function checkRow(table: string, row: Record<string, unknown>, index: number, note: (text: LocalizedText) => void): unknown {
  const invalid = (zhTable: string, enTable: string, label: string, issues: readonly { readonly path: readonly PropertyKey[] }[]) => {
    const field = issues[0]?.path.map(String).join('.') ?? '';
    note({ zh: `${zhTable} 第 ${index + 1} 条${label ? `（${label}）` : ''}：${field} 无效`, en: `${enTable} row ${index + 1}${label ? ` (${label})` : ''}: ${field} is invalid` });
  };
  switch (table) {
    case 'scenarioPages': {
      // The register's scenarios (schema v9): each checked as a record, on the page of its id.
      const page = row.page;
      const list = Array.isArray(row.rows) ? (row.rows as unknown[]) : null;
      if (typeof page !== 'number' || !Number.isInteger(page) || page < 0 || page >= REGISTER_PAGE_COUNT || list === null) {
        note({ zh: `场景页 第 ${index + 1} 条：页号或内容无效`, en: `Scenario page row ${index + 1}: its page number or content is invalid` });
        return row;
      }
      const out: ScenarioRow[] = [];
      for (const item of list) {
        const parsed = typeof item === 'object' && item !== null ? scenarioRecordSchema.safeParse(toScenario(item as ScenarioRow)) : scenarioRecordSchema.safeParse(item);
        const label = String((item as { catalogNumber?: unknown } | null)?.catalogNumber ?? '');
        if (!parsed.success) invalid('场景', 'Scenario', label, parsed.error.issues);
        else if (scenarioPageOf(parsed.data.id) !== page) note({ zh: `场景 ${label} 不在其标识所属的页上`, en: `Scenario ${label} is not on the page of its id` });
        else out.push(toScenarioRow(parsed.data));
      }
      return { page, rows: inRowOrder(out) } satisfies ScenarioPageRowV9;
    }
    case 'pilots': {
      const parsed = pilotRecordSchema.safeParse(toPilot(row as unknown as PilotRow));
      if (!parsed.success) invalid('试点项目', 'Pilot project', String(row.projectNumber ?? row.id), parsed.error.issues);
      return parsed.success ? toPilotRow(parsed.data) : row;
    }
    case 'changes': {
      const parsed = changeRecordSchema.safeParse(row);
      if (!parsed.success) invalid('变更记录', 'Change record', '', parsed.error.issues);
      return row;
    }
    case 'exchangeRecords': {
      // Received change records (schema v8): checked as those of `changes` are.
      const records = Array.isArray(row.records) ? (row.records as unknown[]) : [null];
      const bad = records.map((record) => changeRecordSchema.safeParse(record)).find((parsed) => !parsed.success);
      if (bad !== undefined) invalid('交换记录', 'Received change records', String(row.firstSeq ?? ''), bad.error.issues);
      return row;
    }
    default:
      return row;
  }
}

/** The later of two meta values for the keys that must never go backwards (see the file comment). */
function laterMeta(key: string, restored: unknown, current: unknown): unknown {
  if (key === META_KEYS.hlc) {
    const a = parseHlc(restored);
    const b = parseHlc(current);
    if (!b.ok) return restored;
    if (!a.ok) return current;
    return compareHlc(a.value, b.value) >= 0 ? restored : current;
  }
  if (key.startsWith(META_KEYS.catalogSequencePrefix)) {
    return typeof current === 'number' && (typeof restored !== 'number' || current > restored) ? current : restored;
  }
  return restored;
}

function keepsCurrent(key: string): boolean {
  return key === META_KEYS.hlc || key === META_KEYS.installationId || key.startsWith(META_KEYS.catalogSequencePrefix);
}

/** Replaces every table with the snapshot's rows in one transaction; all of it or nothing. */
async function replaceAll(db: AtlasDb, snapshot: CheckedSnapshot): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    const currentMeta = (await db.meta.toArray()).filter((row) => keepsCurrent(row.key));
    for (const table of db.tables as Table<unknown, unknown>[]) {
      await table.clear();
      const rows = snapshot.rows.get(table.name) ?? [];
      if (rows.length > 0) await table.bulkAdd(rows);
    }
    for (const current of currentMeta) {
      const restored = await db.meta.get(current.key);
      const value = current.key === META_KEYS.installationId ? current.value : laterMeta(current.key, restored?.value, current.value);
      if (restored === undefined || value !== restored.value) await db.meta.put({ key: current.key, value } satisfies MetaRow);
    }
  });
}

/**
 * The two steps of a restore that touch the data: check a backup's bytes (resolving to its row
 * counts, or the refusal), then, once the current data is backed up, write the checked rows.
 */
export interface RestoreSteps {
  check(bytes: Uint8Array): Promise<Result<Readonly<Record<string, number>>, RestoreError>>;
  /** Writes what the last successful check read; rejects, with nothing changed, when that fails. */
  write(): Promise<void>;
  close(): void;
}

/** {@link RestoreSteps} in this thread: restoreWorker.ts runs them for the page; Node tests here. */
export function restoreStepsHere(db: AtlasDb): RestoreSteps {
  let checked: CheckedSnapshot | null = null;
  return {
    async check(bytes) {
      checked = null;
      const result = await checkSnapshot(db, bytes);
      if (!result.ok) return result;
      checked = result.value;
      return ok(result.value.counts);
    },
    async write() {
      if (checked === null) throw new Error('[backup] a restore writes only what it has checked');
      await replaceAll(db, checked);
    },
    close() {
      checked = null;
    },
  };
}

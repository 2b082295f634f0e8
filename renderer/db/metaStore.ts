/**
 * The write path's bookkeeping in the `meta` table: the installation id, the hybrid logical clock
 * and the catalog-number sequences. Every function here runs inside the caller's rw transaction
 * over `meta` (and `scenarios` for the catalog check), so the clock and the sequences move only
 * if the write they stamp commits.
 */
import {
  MAX_CATALOG_SEQUENCE,
  formatCatalogNumber,
  parseCatalogNumber,
} from '../../shared/domain/catalogNumber';
import { formatHlc, hlcNode, initialHlc, parseHlc, receive, tick, type Hlc } from '../../shared/domain/hlc';
import type { RegionCode } from '../../shared/regions/regions';
import type { AtlasDb } from './atlasDb';
import { catalogHolders } from './scenarioPages';

/** Meta keys; stored data, never rename. */
export const META_KEYS = {
  installationId: 'installationId',
  hlc: 'hlc',
  catalogSequencePrefix: 'catalogSeq:',
} as const;

const INSTALLATION_ID_LENGTH = 12;

/** This installation's id (made on first write): 12 hex characters, the suffix of its HLC node. */
export async function ensureInstallationId(db: AtlasDb, newId: () => string): Promise<string> {
  const stored = await db.meta.get(META_KEYS.installationId);
  if (typeof stored?.value === 'string') return stored.value;
  // A UUID's '-' is not allowed in an HLC node name; 48 random bits tell installations of one unit apart.
  const id = newId().replace(/-/g, '').slice(0, INSTALLATION_ID_LENGTH).toLowerCase();
  await db.meta.put({ key: META_KEYS.installationId, value: id });
  return id;
}

async function lastHlc(db: AtlasDb, node: string): Promise<Hlc> {
  const stored = await db.meta.get(META_KEYS.hlc);
  const parsed = parseHlc(stored?.value);
  // The node is always this installation's current one: the unit may have been set after earlier writes.
  return parsed.ok ? { ...parsed.value, node } : initialHlc(node, 0);
}

/** The HLC node of this installation: unit code + installation id. */
export async function localHlcNode(db: AtlasDb, unitCode: RegionCode, newId: () => string): Promise<string> {
  return hlcNode(unitCode, await ensureInstallationId(db, newId));
}

/**
 * `count` fresh HLC stamps for local writes at `nowMs`, strictly increasing and later than every
 * stamp issued or received before; the last one is persisted.
 */
export async function issueHlcStamps(db: AtlasDb, node: string, nowMs: number, count: number): Promise<string[]> {
  let clock = await lastHlc(db, node);
  const stamps: string[] = [];
  for (let i = 0; i < count; i += 1) {
    clock = tick(clock, nowMs);
    stamps.push(formatHlc(clock));
  }
  if (count > 0) await db.meta.put({ key: META_KEYS.hlc, value: formatHlc(clock) });
  return stamps;
}

/**
 * Moves the clock past a stamp received from another installation (for the exchange import), so
 * later local edits order after it. Returns false when the remote clock is too far ahead.
 */
export async function observeRemoteHlc(db: AtlasDb, node: string, remote: Hlc, nowMs: number): Promise<boolean> {
  const merged = receive(await lastHlc(db, node), remote, nowMs);
  if (!merged.ok) return false;
  await db.meta.put({ key: META_KEYS.hlc, value: formatHlc(merged.value) });
  return true;
}

function sequenceKey(regionCode: string, year: number): string {
  return `${META_KEYS.catalogSequencePrefix}${regionCode}:${String(year)}`;
}

/**
 * Allocates catalog numbers per (region, year) from the sequences in `meta` within one
 * transaction: {@link CatalogAllocator.prepare} reads the sequences once, numbers are then handed
 * out synchronously in memory, and {@link CatalogAllocator.flush} writes them back. Numbers are
 * never reused (a deleted record keeps its number).
 *
 * Synchronous on purpose: in Chromium a transaction survives only a bounded chain of native
 * awaits between IndexedDB requests (Dexie's zone echo), so 100k `await`s in one transaction end
 * in PrematureCommitError — fake-indexeddb does not show this.
 */
export class CatalogAllocator {
  private readonly sequences = new Map<string, number>();
  private readonly dirty = new Set<string>();

  constructor(private readonly db: AtlasDb) {}

  /** Reads the sequences of these (region, year) pairs and of these catalog numbers' pairs. */
  async prepare(pairs: Iterable<readonly [regionCode: string, year: number]>, numbers: Iterable<string> = []): Promise<void> {
    const keys = new Set<string>();
    for (const [regionCode, year] of pairs) keys.add(sequenceKey(regionCode, year));
    for (const number of numbers) {
      const parsed = parseCatalogNumber(number);
      if (parsed.ok) keys.add(sequenceKey(parsed.value.regionCode, parsed.value.year));
    }
    const wanted = [...keys].filter((key) => !this.sequences.has(key));
    const stored = await this.db.meta.bulkGet(wanted);
    wanted.forEach((key, index) => {
      const value = stored[index]?.value;
      this.sequences.set(key, typeof value === 'number' && Number.isInteger(value) ? value : 0);
    });
  }

  private sequence(key: string): number {
    const value = this.sequences.get(key);
    if (value === undefined) throw new Error(`[db] catalog sequence ${key} used before prepare()`);
    return value;
  }

  /** The next number for the region and year (prepared), or null when the year's 9999 are used. */
  take(regionCode: RegionCode, year: number): string | null {
    const key = sequenceKey(regionCode, year);
    const sequence = this.sequence(key);
    if (sequence >= MAX_CATALOG_SEQUENCE) return null;
    this.sequences.set(key, sequence + 1);
    this.dirty.add(key);
    return formatCatalogNumber({ regionCode, year, sequence: sequence + 1 });
  }

  /**
   * The next number nobody holds (one record: a number written by a path that did not reserve it
   * is skipped rather than failing the write as taken).
   */
  async takeChecked(regionCode: RegionCode, year: number): Promise<string | null> {
    await this.prepare([[regionCode, year]]);
    for (;;) {
      const number = this.take(regionCode, year);
      if (number === null || !(await catalogHolders(this.db, [number])).has(number)) return number;
    }
  }

  /** Records a number given elsewhere (an import keeping its numbers) so it is never handed out. */
  reserve(catalogNumber: string): void {
    const parsed = parseCatalogNumber(catalogNumber);
    if (!parsed.ok) return;
    const key = sequenceKey(parsed.value.regionCode, parsed.value.year);
    if (parsed.value.sequence > this.sequence(key)) {
      this.sequences.set(key, parsed.value.sequence);
      this.dirty.add(key);
    }
  }

  /** Writes the moved sequences back to `meta`. */
  async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    await this.db.meta.bulkPut([...this.dirty].map((key) => ({ key, value: this.sequences.get(key) ?? 0 })));
    this.dirty.clear();
  }
}

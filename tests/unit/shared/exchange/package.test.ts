import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../../../shared/domain/changeRecord';
import type { RegionCode } from '../../../../shared/regions/regions';
import { canonicalJson } from '../../../../shared/exchange/canonicalJson';
import { utf8ToBytes } from '../../../../shared/exchange/encoding';
import { digestState, emptyMergeState, mergeChanges } from '../../../../shared/exchange/merge';
import { attestChanges, createPackage, openPackage, packageContentHash, PROGRESS_EVERY, serializePackage, type ExchangePackage, type OpenPackageOptions, type OpenPhase } from '../../../../shared/exchange/package';
import { signText } from '../../../../shared/exchange/signing';
import { creation, edit, keysOf, makeChange, trustOf, T0 } from './exchangeTestKit';

const WUHOU = '510107' as RegionCode;
const JINJIANG = '510104' as RegionCode;
const CHENGDU = '510100' as RegionCode;
const A = 'a0000000-0000-4000-8000-00000000000a';
const J = 'c0000000-0000-4000-8000-00000000000c';

const wuhouCreate = creation(WUHOU, A);
const wuhouEdit = edit(WUHOU, A, 'title', '初始', '武侯 脑机康复病房', 10);
const jinjiangCreate = creation(JINJIANG, J);

function countyPackage(own: readonly ChangeRecord[] = [wuhouCreate, wuhouEdit]): ExchangePackage {
  return createPackage({ kind: 'changes', source: { unit: WUHOU, role: 'county', keyPair: keysOf(WUHOU) }, own, now: T0 + 100, recipientUnit: CHENGDU });
}

const trustAll: OpenPackageOptions = { trustedKeys: trustOf([WUHOU, JINJIANG, CHENGDU]) };

/** Re-signs a modified package as its source would (the source itself is hostile). */
function resign(pkg: ExchangePackage, unit: string): ExchangePackage {
  const contentHash = packageContentHash(pkg.attestations, pkg.records);
  const signature = signText(`scenario-atlas-exchange/package/1\n${canonicalJson({ manifest: pkg.manifest, contentHash })}`, keysOf(unit).secretKey);
  return { ...pkg, contentHash, signature } as ExchangePackage;
}

function mutate(pkg: ExchangePackage, change: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(serializePackage(pkg)) as Record<string, unknown>;
  change(json);
  return JSON.stringify(json);
}

describe('createPackage / openPackage', () => {
  it('round-trips a county package, as text or bytes', () => {
    const pkg = countyPackage();
    expect(pkg.manifest).toMatchObject({ format: 'scenario-atlas-exchange', formatVersion: 1, kind: 'changes', sourceUnit: WUHOU, sourceRole: 'county', counts: { records: 2, own: 2, relayed: 0 }, recipientUnit: CHENGDU });
    expect(pkg.manifest.clockRange).toEqual({ from: wuhouCreate.hlc, to: wuhouEdit.hlc });
    for (const input of [serializePackage(pkg), utf8ToBytes(serializePackage(pkg))]) {
      const opened = openPackage(input, trustAll);
      expect(opened.ok).toBe(true);
      if (!opened.ok) return;
      expect(opened.value.accepted.map(({ change }) => change)).toEqual([wuhouCreate, wuhouEdit]);
      expect(opened.value.refused).toEqual([]);
      expect(opened.value.packageId).toBe(pkg.contentHash);
    }
  });

  it('reports progress while hashing and checking records, ending at the total', () => {
    const edits = Array.from({ length: PROGRESS_EVERY + 5 }, (_unused, index) => edit(WUHOU, A, 'partnerSlots', index, index + 1, 20 + index));
    const calls: [OpenPhase, number, number][] = [];
    const opened = openPackage(serializePackage(countyPackage([wuhouCreate, ...edits])), { ...trustAll, onProgress: (phase, done, total) => calls.push([phase, done, total]) });
    expect(opened.ok).toBe(true);
    const total = PROGRESS_EVERY + 6;
    expect(calls).toEqual([
      ['hash', PROGRESS_EVERY, total],
      ['hash', total, total],
      ['check', PROGRESS_EVERY, total],
      ['check', total, total],
    ]);
  });

  it('never exports demo markers or other local-only changes', () => {
    const marker = makeChange({ unit: WUHOU, entityId: 'demo-data', op: 'import', changes: { count: { old: 0, new: 3 } } });
    const demoRowEdit = edit(WUHOU, 'd0000000-0000-4000-8000-00000000000d', 'title', 'a', 'b', 5);
    const pkg = createPackage({ kind: 'changes', source: { unit: WUHOU, role: 'county', keyPair: keysOf(WUHOU) }, own: [wuhouCreate, marker, demoRowEdit], now: T0, isLocalOnly: (change) => change.entityId.startsWith('d0') });
    expect(pkg.records.map(({ change }) => change.id)).toEqual([wuhouCreate.id]);
  });

  it('lets a city relay its counties’ changes with their own signatures, verifiable at the province', () => {
    const fromWuhou = openPackage(serializePackage(countyPackage()), trustAll);
    if (!fromWuhou.ok) throw new Error(fromWuhou.message);
    const cityOwn = creation(CHENGDU, 'e0000000-0000-4000-8000-00000000000e');
    const cityPkg = createPackage({ kind: 'changes', source: { unit: CHENGDU, role: 'city', keyPair: keysOf(CHENGDU) }, own: [cityOwn], relayed: fromWuhou.value.accepted, now: T0 + 200 });
    expect(cityPkg.manifest.counts).toEqual({ records: 3, own: 1, relayed: 2 });
    const atProvince = openPackage(serializePackage(cityPkg), trustAll);
    expect(atProvince.ok).toBe(true);
    if (!atProvince.ok) return;
    expect(atProvince.value.report).toMatchObject({ accepted: 3, relayed: 2, bySigner: { [WUHOU]: 2, [CHENGDU]: 1 } });
  });

  it('refuses to build with another unit’s change as its own', () => {
    expect(() => countyPackage([jinjiangCreate])).toThrow(RangeError);
  });
});

describe('openPackage: hostile packages', () => {
  const good = serializePackage(countyPackage());
  const others = createPackage({ kind: 'changes', source: { unit: JINJIANG, role: 'county', keyPair: keysOf(JINJIANG) }, own: [jinjiangCreate], now: T0 });

  const wholeRefusals: [string, () => string | Uint8Array, OpenPackageOptions, string][] = [
    ['truncated JSON', () => good.slice(0, good.length - 40), trustAll, 'invalid-json'],
    ['not UTF-8', () => new Uint8Array([0x7b, 0xff, 0x7d]), trustAll, 'not-utf8'],
    ['oversized (refused before parsing)', () => `${good}${' '.repeat(64)}`, { ...trustAll, maxBytes: good.length }, 'too-large'],
    ['oversized bytes', () => new Uint8Array(1025), { ...trustAll, maxBytes: 1024 }, 'too-large'],
    ['another JSON file', () => JSON.stringify({ hello: 'world' }), trustAll, 'not-a-package'],
    ['a newer format version', () => mutate(countyPackage(), (json) => ((json['manifest'] as Record<string, unknown>)['formatVersion'] = 2)), trustAll, 'newer-format'],
    ['__proto__ injection in a change', () => good.replace('"changes":{', '"changes":{"__proto__":{"old":null,"new":{"isAdmin":true}},'), trustAll, 'hostile-json'],
    ['constructor key in the manifest', () => good.replace('"manifest":{', '"manifest":{"constructor":1,'), trustAll, 'hostile-json'],
    ['deep nesting', () => `{"manifest":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, trustAll, 'hostile-json'],
    ['a wrong type in the manifest', () => mutate(countyPackage(), (json) => ((json['manifest'] as Record<string, unknown>)['createdAt'] = 'yesterday')), trustAll, 'invalid-package'],
    ['records that are not an array', () => mutate(countyPackage(), (json) => (json['records'] = { length: 1e9 })), trustAll, 'invalid-package'],
    ['an unknown top-level key', () => mutate(countyPackage(), (json) => (json['extra'] = 1)), trustAll, 'invalid-package'],
    ['a tampered record (hash mismatch)', () => good.replace('武侯 脑机康复病房', '锦江 脑机康复病房'), trustAll, 'hash-mismatch'],
    ['a bad package signature', () => mutate(countyPackage(), (json) => (json['signature'] = others.signature)), trustAll, 'bad-signature'],
    ['a forged source unit', () => mutate(countyPackage(), (json) => ((json['manifest'] as Record<string, unknown>)['sourceUnit'] = JINJIANG)), trustAll, 'bad-signature'],
    ['an unknown key', () => good, { trustedKeys: trustOf([CHENGDU]) }, 'unknown-key'],
    ['a changed key for a known unit', () => good, { trustedKeys: new Map([[WUHOU, [keysOf('510107.other').publicKey]]]) }, 'unknown-key'],
  ];

  it.each(wholeRefusals)('refuses the whole package: %s', (_name, input, options, error) => {
    const opened = openPackage(input(), options);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error).toBe(error);
    expect(opened.text.zh.length).toBeGreaterThan(0);
    expect(opened.text.en.length).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('asks to trust unknown keys with their fingerprints', () => {
    const opened = openPackage(good, { trustedKeys: new Map([[WUHOU, [keysOf('510107.other').publicKey]]]) });
    expect(opened).toMatchObject({ ok: false, error: 'unknown-key', unknownKeys: [{ unit: WUHOU, publicKey: keysOf(WUHOU).publicKey, isKeyChanged: true }] });
    expect(openPackage(good, { trustedKeys: new Map() })).toMatchObject({ unknownKeys: [{ unit: WUHOU, isKeyChanged: false }] });
  });

  it('says which version a newer package needs', () => {
    const opened = openPackage(mutate(countyPackage(), (json) => ((json['manifest'] as Record<string, unknown>)['formatVersion'] = 3)), trustAll);
    expect(opened).toMatchObject({ ok: false, error: 'newer-format' });
    if (!opened.ok) expect(opened.text.zh).toContain('升级');
  });

  it('refuses in part: a relayed record altered by the relaying city (hash and package signature redone)', () => {
    const fromWuhou = openPackage(good, trustAll);
    if (!fromWuhou.ok) throw new Error(fromWuhou.message);
    const cityPkg = createPackage({ kind: 'changes', source: { unit: CHENGDU, role: 'city', keyPair: keysOf(CHENGDU) }, own: [], relayed: fromWuhou.value.accepted, now: T0 });
    const forged = { ...cityPkg, records: cityPkg.records.map((record) => (record.change.id === wuhouEdit.id ? { ...record, change: { ...record.change, changes: { title: { old: '初始', new: '市里改的' } } } } : record)) } as ExchangePackage;
    const opened = openPackage(serializePackage(resign(forged, CHENGDU)), trustAll);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.accepted.map(({ change }) => change.id)).toEqual([wuhouCreate.id]);
    expect(opened.value.refused).toEqual([expect.objectContaining({ changeId: wuhouEdit.id, reason: 'bad-record-signature' })]);
  });

  it('refuses in part: a county changing another county’s record is listed', () => {
    const intrusion = edit(JINJIANG, A, 'title', '初始', '锦江改武侯', 20);
    const pkg = createPackage({ kind: 'changes', source: { unit: JINJIANG, role: 'county', keyPair: keysOf(JINJIANG) }, own: [jinjiangCreate, intrusion], now: T0 });
    const opened = openPackage(serializePackage(pkg), { ...trustAll, ownerOf: (id) => (id === A ? WUHOU : undefined) });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.accepted.map(({ change }) => change.id)).toEqual([jinjiangCreate.id]);
    expect(opened.value.refused).toEqual([expect.objectContaining({ changeId: intrusion.id, entityId: A, signer: JINJIANG, reason: 'not-owner' })]);
    expect(opened.value.refused[0]?.text.zh).toContain('510104');
  });

  it('refuses in part: a change claiming another unit as author, or a demo marker', () => {
    const claimed = makeChange({ unit: WUHOU, entityId: A, op: 'update', changes: { title: { old: '初始', new: 'x' } }, wall: 30 });
    const marker = makeChange({ unit: JINJIANG, entityId: 'demo-data', op: 'import', changes: { count: { old: 0, new: 1 } } });
    // A hostile exporter that signs whatever it likes: bypass createPackage's checks.
    const attested = [...attestChanges([claimed], JINJIANG, keysOf(JINJIANG)), ...attestChanges([marker], JINJIANG, keysOf(JINJIANG))];
    const base = createPackage({ kind: 'changes', source: { unit: JINJIANG, role: 'county', keyPair: keysOf(JINJIANG) }, own: [], now: T0 });
    const forged = resign(
      {
        ...base,
        manifest: { ...base.manifest, counts: { records: 2, own: 2, relayed: 0 } },
        attestations: attested.map((item) => item.attestation),
        records: attested.map((item, index) => ({ change: item.change, signer: JINJIANG, attestation: index })),
      },
      JINJIANG,
    );
    const opened = openPackage(serializePackage(forged), trustAll);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.accepted).toEqual([]);
    expect(opened.value.refused.map((refusal) => refusal.reason)).toEqual(['signer-mismatch', 'local-only']);
  });

  it('refuses in part: a malformed record', () => {
    const pkg = countyPackage();
    const broken = resign({ ...pkg, records: [pkg.records[0]!, { ...pkg.records[1]!, change: { ...pkg.records[1]!.change, at: -1 } }] }, WUHOU);
    const opened = openPackage(serializePackage(broken), trustAll);
    expect(opened).toMatchObject({ ok: true, value: { refused: [{ index: 1, reason: 'invalid-record' }] } });
  });

  it('a replayed old package changes nothing', () => {
    const first = openPackage(good, trustAll);
    if (!first.ok) throw new Error(first.message);
    const state = mergeChanges(emptyMergeState(), first.value.accepted.map(({ change }) => change)).state;
    const later = mergeChanges(state, [edit(WUHOU, A, 'title', '武侯 脑机康复病房', '更新后', 50)]).state;
    const replay = openPackage(good, trustAll);
    if (!replay.ok) throw new Error(replay.message);
    const again = mergeChanges(later, replay.value.accepted.map(({ change }) => change));
    expect(again.applied).toEqual([]);
    expect(again.conflicts).toEqual([]);
    expect(digestState(again.state)).toBe(digestState(later));
    expect(again.state.get(A)?.record['title']).toBe('更新后');
  });
});

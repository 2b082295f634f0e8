/**
 * A hybrid logical clock (Kulkarni et al.): timestamps that follow wall time but never go
 * backwards on one installation and always order an effect after its cause across installations,
 * so change records from county, city and province merge in one order. Pure: the caller passes
 * `nowMs` (Date.now() in the renderer) and keeps the last Hlc it issued or received.
 */
import { fail, type DomainResult } from './localizedText';

/** One hybrid-logical-clock timestamp: wall-clock ms, a counter within the same ms, and the node that issued it. */
export interface Hlc {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

/** Largest counter value; one more moves the wall clock on by 1 ms instead of overflowing. */
export const MAX_HLC_COUNTER = 9999;
/**
 * How far a remote clock may run ahead of ours before its timestamps are refused. Offices exchange
 * files, not packets, and their PCs' clocks are often off by minutes; a whole day ahead means a
 * broken clock, whose stamps would drag every later local stamp into the future.
 */
export const DEFAULT_MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

const WALL_WIDTH = 18;
const COUNTER_WIDTH = 4;
// Node: the unit code, optionally `.` + an installation id suffix. No `-`, so the string splits cleanly.
const NODE_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._:]{0,63}$/;
const HLC_PATTERN = /^(\d{18})-(\d{4})-([0-9A-Za-z][0-9A-Za-z._:]{0,63})$/;

/** Is this a usable node name (unit code plus optional installation suffix)? */
export function isHlcNode(node: string): boolean {
  return NODE_PATTERN.test(node);
}

/** The node name for a unit and, optionally, an installation id (e.g. `510107.k3f9a2`). */
export function hlcNode(unitCode: string, installationId?: string): string {
  const node = installationId ? `${unitCode}.${installationId}` : unitCode;
  if (!isHlcNode(node)) throw new Error(`[hlc] invalid node name ${JSON.stringify(node)}`);
  return node;
}

function assertNow(nowMs: number): void {
  if (!Number.isSafeInteger(nowMs) || nowMs < 0) throw new Error(`[hlc] invalid nowMs ${String(nowMs)}`);
}

function normalise(wallMs: number, counter: number, node: string): Hlc {
  return counter > MAX_HLC_COUNTER ? { wallMs: wallMs + 1, counter: 0, node } : { wallMs, counter, node };
}

/** The first timestamp of a node that has issued none yet. */
export function initialHlc(node: string, nowMs = 0): Hlc {
  assertNow(nowMs);
  if (!isHlcNode(node)) throw new Error(`[hlc] invalid node name ${JSON.stringify(node)}`);
  return { wallMs: nowMs, counter: 0, node };
}

/** The timestamp for a local event (a write): later than `local` and at least `nowMs`. */
export function tick(local: Hlc, nowMs: number): Hlc {
  assertNow(nowMs);
  if (nowMs > local.wallMs) return { wallMs: nowMs, counter: 0, node: local.node };
  return normalise(local.wallMs, local.counter + 1, local.node);
}

/** Why a remote timestamp is refused. */
export type HlcReceiveError = 'clock-drift';

/**
 * Merges a timestamp read from another installation (an imported change): the result is later
 * than both `local` and `remote`. A remote clock more than `maxDriftMs` ahead of `nowMs` is refused.
 */
export function receive(
  local: Hlc,
  remote: Hlc,
  nowMs: number,
  maxDriftMs: number = DEFAULT_MAX_DRIFT_MS,
): DomainResult<Hlc, HlcReceiveError> {
  assertNow(nowMs);
  if (remote.wallMs - nowMs > maxDriftMs) {
    const hours = Math.round((remote.wallMs - nowMs) / 3_600_000);
    return fail('clock-drift', {
      zh: `来自 ${remote.node} 的时间戳比本机时间快约 ${hours} 小时，请检查该电脑或本机的系统时间后再导入`,
      en: `Timestamps from ${remote.node} are about ${hours} h ahead of this computer; check both system clocks and import again`,
    });
  }
  const wallMs = Math.max(local.wallMs, remote.wallMs, nowMs);
  let counter: number;
  if (wallMs === local.wallMs && wallMs === remote.wallMs) counter = Math.max(local.counter, remote.counter) + 1;
  else if (wallMs === local.wallMs) counter = local.counter + 1;
  else if (wallMs === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  return { ok: true, value: normalise(wallMs, counter, local.node) };
}

/** Orders two timestamps: wall time, then counter, then node (a total order). */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wallMs !== b.wallMs) return a.wallMs < b.wallMs ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  if (a.node === b.node) return 0;
  return a.node < b.node ? -1 : 1;
}

/** The fixed-width string form, e.g. `000001764000000000-0000-510107`; string order equals {@link compareHlc}. */
export function formatHlc(hlc: Hlc): string {
  return `${String(hlc.wallMs).padStart(WALL_WIDTH, '0')}-${String(hlc.counter).padStart(COUNTER_WIDTH, '0')}-${hlc.node}`;
}

/** Parses the string form; anything not produced by {@link formatHlc} is refused. */
export function parseHlc(value: unknown): DomainResult<Hlc, 'invalid-hlc'> {
  const match = typeof value === 'string' && value.length <= 88 ? HLC_PATTERN.exec(value) : null;
  const wallMs = match ? Number(match[1]) : NaN;
  if (!match || !Number.isSafeInteger(wallMs)) {
    return fail('invalid-hlc', { zh: '时间戳格式无效', en: 'Invalid timestamp' });
  }
  return { ok: true, value: { wallMs, counter: Number(match[2]), node: match[3] as string } };
}

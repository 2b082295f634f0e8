import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_DRIFT_MS,
  MAX_HLC_COUNTER,
  compareHlc,
  formatHlc,
  hlcNode,
  initialHlc,
  parseHlc,
  receive,
  tick,
  type Hlc,
} from '../../../../shared/domain/hlc';

const NOW = 1_764_000_000_000;
const nodeArb = fc.constantFrom('510107', '510100', '510000', '510107.a1b2', '510104.zz');
const hlcArb: fc.Arbitrary<Hlc> = fc.record({
  wallMs: fc.integer({ min: NOW - 1_000_000, max: NOW + 1_000_000 }),
  counter: fc.integer({ min: 0, max: MAX_HLC_COUNTER }),
  node: nodeArb,
});
const nowArb = fc.integer({ min: NOW - 2_000_000, max: NOW + 2_000_000 });

describe('hybrid logical clock', () => {
  it('formats fixed-width and parses back', () => {
    const hlc = { wallMs: 1_764_000_000_000, counter: 7, node: '510107' };
    expect(formatHlc(hlc)).toBe('000001764000000000-0007-510107');
    expect(parseHlc(formatHlc(hlc))).toEqual({ ok: true, value: hlc });
  });

  it('tick is strictly monotonic, even when the wall clock goes backwards', () => {
    fc.assert(
      fc.property(hlcArb, fc.array(nowArb, { minLength: 1, maxLength: 50 }), (start, nows) => {
        let clock = start;
        for (const now of nows) {
          const next = tick(clock, now);
          expect(compareHlc(next, clock)).toBe(1);
          expect(next.wallMs).toBeGreaterThanOrEqual(now);
          clock = next;
        }
      }),
    );
  });

  it('receive is later than both the local and the remote timestamp', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, nowArb, (local, remote, now) => {
        const result = receive(local, remote, now);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(compareHlc(result.value, local)).toBe(1);
        expect(result.value.wallMs > remote.wallMs || (result.value.wallMs === remote.wallMs && result.value.counter > remote.counter)).toBe(true);
        expect(result.value.node).toBe(local.node);
      }),
    );
  });

  it('string order equals compareHlc order', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (a, b) => {
        const sa = formatHlc(a);
        const sb = formatHlc(b);
        expect(Math.sign(compareHlc(a, b))).toBe(sa < sb ? -1 : sa > sb ? 1 : 0);
      }),
    );
  });

  it('rolls a full counter over into the next millisecond', () => {
    const next = tick({ wallMs: NOW, counter: MAX_HLC_COUNTER, node: '510107' }, NOW);
    expect(next).toEqual({ wallMs: NOW + 1, counter: 0, node: '510107' });
  });

  it('refuses a remote clock too far in the future, with a message naming the node', () => {
    const local = initialHlc('510107', NOW);
    const remote = { wallMs: NOW + DEFAULT_MAX_DRIFT_MS + 3_600_000, counter: 0, node: '510104' };
    const result = receive(local, remote, NOW);
    expect(result).toMatchObject({ ok: false, error: 'clock-drift' });
    if (!result.ok) expect(result.message).toContain('510104');
    expect(receive(local, { ...remote, wallMs: NOW + 60_000 }, NOW, 30_000)).toMatchObject({ ok: false });
    expect(receive(local, { ...remote, wallMs: NOW + 60_000 }, NOW).ok).toBe(true);
  });

  it.each([
    '',
    '1764000000000-0000-510107',
    '000001764000000000-000-510107',
    '000001764000000000-0000-',
    '000001764000000000-0000-510-107',
    '000001764000000000-0000-510107\n',
    '999999999999999999-0000-510107',
    `000001764000000000-0000-${'a'.repeat(80)}`,
    42,
    null,
  ])('refuses the timestamp %j', (value) => {
    expect(parseHlc(value)).toMatchObject({ ok: false, error: 'invalid-hlc' });
  });

  it('builds node names from unit and installation and refuses bad ones', () => {
    expect(hlcNode('510107', 'k3f9a2')).toBe('510107.k3f9a2');
    expect(() => hlcNode('510107', 'a-b')).toThrow();
    expect(() => tick(initialHlc('510107'), Number.NaN)).toThrow();
  });
});

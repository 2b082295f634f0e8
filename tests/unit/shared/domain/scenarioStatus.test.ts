import { describe, expect, it } from 'vitest';
import { allowedTransitions, checkStatusChange, type ScenarioStatus } from '../../../../shared/domain/scenarioStatus';

// DOMAIN.md "Scenario status", written out by hand (suspended → its previous status is tested apart).
const MATRIX: Record<ScenarioStatus, ScenarioStatus[]> = {
  draft: ['open', 'closed'],
  open: ['matched', 'suspended', 'closed'],
  matched: ['piloting', 'open', 'suspended', 'closed'],
  piloting: ['completed', 'suspended', 'closed'],
  suspended: ['closed'],
  completed: ['open'],
  closed: [],
};
const STATUSES = Object.keys(MATRIX) as ScenarioStatus[];
const NEEDS_NOTE: ScenarioStatus[] = ['suspended', 'closed'];

const pairs = STATUSES.flatMap((from) => STATUSES.filter((to) => to !== from).map((to) => [from, to] as const));

describe('scenario status transitions', () => {
  it.each(pairs)('%s → %s follows DOMAIN.md', (from, to) => {
    const isAllowed = MATRIX[from].includes(to);
    const result = checkStatusChange({ from, to, note: '原因说明', suspendedFrom: null });
    expect(result.ok).toBe(isAllowed);
    if (!result.ok) {
      expect(['not-allowed', 'final-status']).toContain(result.error);
      expect(result.message).toMatch(/[\u4e00-\u9fff]/);
      expect(result.text.en).not.toBe('');
    }
  });

  it.each(STATUSES)('refuses %s → itself', (status) => {
    const result = checkStatusChange({ from: status, to: status, note: 'x' });
    expect(result.ok).toBe(false);
  });

  it.each(NEEDS_NOTE)('needs a note to move to %s', (to) => {
    for (const note of [undefined, null, '', '   \n ']) {
      const result = checkStatusChange({ from: 'open', to, note });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toBe('note-required');
        expect(result.message).toContain('说明');
      }
    }
    expect(checkStatusChange({ from: 'open', to, note: '  场地维修  ' })).toMatchObject({ ok: true, value: { note: '场地维修' } });
  });

  it('does not need a note for other moves', () => {
    expect(checkStatusChange({ from: 'draft', to: 'open' })).toMatchObject({ ok: true, value: { status: 'open', note: null } });
  });

  it('refuses a note that is too long', () => {
    const result = checkStatusChange({ from: 'open', to: 'closed', note: '长'.repeat(2001) });
    expect(result).toMatchObject({ ok: false, error: 'note-too-long' });
  });

  it('remembers where a scenario was suspended from, and returns only there or to 已关闭', () => {
    for (const from of ['open', 'matched', 'piloting'] as const) {
      const suspend = checkStatusChange({ from, to: 'suspended', note: '暂停原因' });
      expect(suspend).toMatchObject({ ok: true, value: { status: 'suspended', suspendedFrom: from } });
      expect(allowedTransitions('suspended', from)).toEqual([from, 'closed']);
      for (const to of STATUSES) {
        if (to === 'suspended') continue;
        const result = checkStatusChange({ from: 'suspended', to, note: '恢复', suspendedFrom: from });
        expect(result.ok, `suspended(${from}) → ${to}`).toBe(to === from || to === 'closed');
        if (result.ok) expect(result.value.suspendedFrom).toBeNull();
      }
    }
  });

  it('lets a suspended scenario without a recorded previous status only close', () => {
    expect(allowedTransitions('suspended')).toEqual(['closed']);
    const result = checkStatusChange({ from: 'suspended', to: 'open', note: 'x' });
    expect(result).toMatchObject({ ok: false, error: 'not-allowed' });
  });

  it('treats 已关闭 as final', () => {
    expect(allowedTransitions('closed')).toEqual([]);
    expect(checkStatusChange({ from: 'closed', to: 'open', note: 'x' })).toMatchObject({ ok: false, error: 'final-status' });
  });

  it('refuses unknown statuses from untrusted input', () => {
    const result = checkStatusChange({ from: 'open' as ScenarioStatus, to: 'deleted' as ScenarioStatus });
    expect(result).toMatchObject({ ok: false, error: 'unknown-status' });
  });

  it('offers exactly the DOMAIN moves', () => {
    for (const status of STATUSES) expect(new Set(allowedTransitions(status))).toEqual(new Set(MATRIX[status]));
  });
});

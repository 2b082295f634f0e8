import { describe, expect, it, vi } from 'vitest';
import { debounce, type Timers } from '../../../../electron/policy/debounce';

describe('debounce (window-state saves)', () => {
  function fakeTimers(): Timers & { runAll(): void; pending(): number } {
    let next = 0;
    const queue = new Map<number, () => void>();
    return {
      setTimeout: (callback) => {
        next += 1;
        queue.set(next, callback);
        return next;
      },
      clearTimeout: (handle) => {
        queue.delete(handle as number);
      },
      runAll: () => {
        for (const [id, callback] of [...queue]) {
          queue.delete(id);
          callback();
        }
      },
      pending: () => queue.size,
    };
  }

  it('runs once after a burst', () => {
    const timers = fakeTimers();
    const run = vi.fn();
    const save = debounce(run, 500, timers);
    save();
    save();
    save();
    expect(timers.pending()).toBe(1);
    timers.runAll();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('flush runs a pending call now, and only once', () => {
    const timers = fakeTimers();
    const run = vi.fn();
    const save = debounce(run, 500, timers);
    save();
    save.flush();
    save.flush();
    timers.runAll();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('flush with nothing pending does nothing; cancel drops the call', () => {
    const timers = fakeTimers();
    const run = vi.fn();
    const save = debounce(run, 500, timers);
    save.flush();
    save();
    save.cancel();
    timers.runAll();
    expect(run).not.toHaveBeenCalled();
  });
});

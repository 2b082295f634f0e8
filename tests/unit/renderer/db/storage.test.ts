import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateStorage, requestPersistentStorage, resetPersistenceRequestForTests } from '../../../../renderer/db/storage';

afterEach(() => {
  vi.unstubAllGlobals();
  resetPersistenceRequestForTests();
});

describe('storage', () => {
  it('asks for persistence once and reports the answer', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist, estimate: async () => ({ usage: 50, quota: 200 }) } });
    expect(await requestPersistentStorage()).toBe('granted');
    expect(await requestPersistentStorage()).toBe('granted');
    expect(persist).toHaveBeenCalledTimes(1);
    expect(await estimateStorage()).toEqual({ usage: 50, quota: 200, fraction: 0.25 });
  });

  it('does not ask again when already persisted, and reports a refusal', async () => {
    const persist = vi.fn(async () => false);
    vi.stubGlobal('navigator', { storage: { persisted: async () => true, persist } });
    expect(await requestPersistentStorage()).toBe('granted');
    expect(persist).not.toHaveBeenCalled();
    resetPersistenceRequestForTests();
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist } });
    expect(await requestPersistentStorage()).toBe('denied');
  });

  it('copes without the Storage API', async () => {
    vi.stubGlobal('navigator', {});
    expect(await requestPersistentStorage()).toBe('unsupported');
    expect(await estimateStorage()).toBeNull();
  });
});

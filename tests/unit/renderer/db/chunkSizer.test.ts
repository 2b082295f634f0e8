import { describe, expect, it } from 'vitest';
import { ChunkSizer, WRITE_CHUNK_SIZING } from '../../../../renderer/db/chunkSizer';

const options = { budgetMs: 20, initial: 100, min: 10, max: 1000 };

describe('ChunkSizer', () => {
  it('starts at the initial size, clamped', () => {
    expect(new ChunkSizer(options).size).toBe(100);
    expect(new ChunkSizer({ ...options, initial: 5 }).size).toBe(10);
    expect(new ChunkSizer({ ...options, initial: 5000 }).size).toBe(1000);
    expect(new ChunkSizer().size).toBe(WRITE_CHUNK_SIZING.initial);
  });

  it('shrinks at once to meet the budget after a slow chunk', () => {
    const sizer = new ChunkSizer(options);
    sizer.record(100, 200); // 2 ms a row → 10 rows in 20 ms
    expect(sizer.size).toBe(10);
  });

  it('grows at most twofold after a quick chunk, up to the maximum', () => {
    const sizer = new ChunkSizer(options);
    const sizes: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      sizer.record(sizer.size, sizer.size * 0.001);
      sizes.push(sizer.size);
    }
    expect(sizes).toEqual([200, 400, 800, 1000, 1000, 1000]);
  });

  it.each([
    ['a chunk far over budget', 100, 100_000, 10],
    ['a chunk that took no measurable time', 100, 0, 200],
    ['a chunk on budget', 100, 20, 100],
  ])('after %s', (_name, rows, ms, next) => {
    const sizer = new ChunkSizer(options);
    sizer.record(rows, ms);
    expect(sizer.size).toBe(next);
  });

  it.each([
    ['no rows', 0, 5],
    ['a negative count', -3, 5],
    ['a time that is not a number', 100, NaN],
    ['an infinite time', 100, Infinity],
  ])('ignores %s', (_name, rows, ms) => {
    const sizer = new ChunkSizer(options);
    sizer.record(rows, ms);
    expect(sizer.size).toBe(100);
  });
});

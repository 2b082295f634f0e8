import * as fsp from 'node:fs/promises';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, type AtomicFs } from '../../../electron/atomicWrite';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'atlas-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an existing one, leaving no temporary file', async () => {
    const target = path.join(dir, '场景目录.csv');
    await writeFileAtomic(target, bytes('第一版'));
    expect(readFileSync(target, 'utf8')).toBe('第一版');
    await writeFileAtomic(target, bytes('第二版'));
    expect(readFileSync(target, 'utf8')).toBe('第二版');
    expect(readdirSync(dir)).toEqual(['场景目录.csv']);
  });

  it('writes large files whole', async () => {
    const big = Buffer.alloc(3_000_000);
    for (let i = 0; i < big.length; i += 1) big[i] = i % 251;
    const target = path.join(dir, 'big.bin');
    await writeFileAtomic(target, big);
    // Buffer.equals, not toEqual: a deep compare of millions of elements takes minutes.
    expect(readFileSync(target).equals(big)).toBe(true);
  });

  it('writes a file given in pieces, in order', async () => {
    const target = path.join(dir, '场景目录.xlsx');
    await writeFileAtomic(target, [bytes('脑机'), new Uint8Array(0), bytes('接口'), bytes('。')]);
    expect(readFileSync(target, 'utf8')).toBe('脑机接口。');
    expect(readdirSync(dir)).toEqual(['场景目录.xlsx']);
  });

  it.each<[string, (fs: AtomicFs) => AtomicFs]>([
    [
      'the write fails half-way',
      (fs) => ({
        ...fs,
        open: (async (...args: Parameters<typeof fsp.open>) => {
          const handle = await fs.open(...args);
          let calls = 0;
          return new Proxy(handle, {
            get(target, key) {
              if (key === 'write') {
                return async (data: Uint8Array, offset: number) => {
                  calls += 1;
                  if (calls > 1) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
                  return target.write(data, offset, 3);
                };
              }
              const value = Reflect.get(target, key) as unknown;
              return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
            },
          });
        }) as typeof fsp.open,
      }),
    ],
    ['the rename fails', (fs) => ({ ...fs, rename: async () => Promise.reject(new Error('EXDEV: cross-device link')) })],
  ])('keeps the old file and removes the temporary one when %s', async (_name, broken) => {
    const target = path.join(dir, 'a.xlsx');
    writeFileSync(target, '旧内容');
    await expect(writeFileAtomic(target, bytes('新的内容，很长很长'), broken(fsp))).rejects.toThrow(/could not write/);
    expect(readFileSync(target, 'utf8')).toBe('旧内容');
    expect(readdirSync(dir)).toEqual(['a.xlsx']);
  });

  it('creates no file at all when the folder does not exist', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'a.csv'), bytes('x'))).rejects.toThrow(/could not write/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

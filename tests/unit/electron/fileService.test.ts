import { failureMessage } from '../../../shared/domain/localizedText';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileService, type SaveDialog } from '../../../electron/fileService';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'atlas-save-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const request = { suggestedName: '场景目录-510107-20261125.xlsx', extension: 'xlsx', filterName: 'Excel 工作簿', bytes: new Uint8Array([80, 75, 3, 4]) };

describe('createFileService', () => {
  it('offers a safe name in the default folder with the file type, and writes where the user chose', async () => {
    const showSaveDialog = vi.fn<SaveDialog>(async () => path.join(dir, '我的导出'));
    const files = createFileService({ showSaveDialog, defaultDir: () => '/home/u/Documents' });
    const result = await files.save({ ...request, suggestedName: '../场景目录' });
    expect(showSaveDialog).toHaveBeenCalledWith({
      defaultPath: path.join('/home/u/Documents', '.._场景目录.xlsx'),
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    });
    expect(result).toEqual({ ok: true, value: { status: 'saved', fileName: '我的导出.xlsx' } });
    expect([...readFileSync(path.join(dir, '我的导出.xlsx'))]).toEqual([80, 75, 3, 4]);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const files = createFileService({ showSaveDialog: async () => null, defaultDir: () => dir });
    await expect(files.save(request)).resolves.toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a failed write in Chinese and English and leaves nothing behind', async () => {
    const target = path.join(dir, 'no-such-folder', 'a.xlsx');
    const files = createFileService({ showSaveDialog: async () => target, defaultDir: () => dir });
    const result = await files.save(request);
    expect(result).toMatchObject({ ok: false, error: 'write-failed' });
    expect(result.ok ? '' : result.message).toMatch(/文件未能保存到 .*原有文件未被改动/);
    expect(result.ok ? '' : failureMessage(result, 'en')).toMatch(/could not be saved to .*The existing file is unchanged/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

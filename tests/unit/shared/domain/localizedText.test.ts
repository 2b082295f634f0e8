import { describe, expect, it } from 'vitest';
import { fail, failureMessage, localize } from '../../../../shared/domain/localizedText';

describe('localize', () => {
  it.each([
    ['zh-CN', '已保存'],
    ['zh', '已保存'],
    ['en', 'Saved'],
    ['en-US', 'Saved'],
  ])('picks the text for %s', (language, expected) => {
    expect(localize({ zh: '已保存', en: 'Saved' }, language)).toBe(expected);
  });
});

describe('failureMessage', () => {
  it('gives a domain failure in the chosen language', () => {
    const failure = fail('storage', { zh: '恢复失败', en: 'The restore failed' });
    expect(failureMessage(failure, 'zh-CN')).toBe('恢复失败');
    expect(failureMessage(failure, 'en')).toBe('The restore failed');
  });

  it.each<[string, { readonly message: string }]>([
    ['a plain Result failure', { message: '备份未能写入' }],
    ['a text that is not bilingual', { message: '备份未能写入', text: 'x' } as { readonly message: string }],
    ['a text missing its English', { message: '备份未能写入', text: { zh: '别的' } } as { readonly message: string }],
  ])('falls back to the message for %s', (_name, failure) => {
    expect(failureMessage(failure, 'en')).toBe('备份未能写入');
  });
});

import { describe, expect, it } from 'vitest';
import { SECTIONS, sectionsFor } from '../../../../renderer/app/sections';
import { zhCN } from '../../../../renderer/i18n/zhCN';
import { en } from '../../../../renderer/i18n/en';

const keys = (role: Parameters<typeof sectionsFor>[0]) => sectionsFor(role).map((section) => section.key);

describe('work areas per role', () => {
  it('gives the offices every area, the register first', () => {
    for (const role of ['county', 'city', 'province'] as const) {
      expect(keys(role)).toEqual(['register', 'pilots', 'partners', 'dashboard', 'exchange']);
    }
  });

  it('gives a company the catalog and the catalog import only', () => {
    expect(keys('company')).toEqual(['register', 'exchange']);
  });

  it('shows only the register before the first run has chosen a role', () => {
    expect(keys(null)).toEqual(['register']);
  });

  it('names every area in both languages and loads every area but the register lazily', () => {
    for (const section of SECTIONS) {
      const name = section.labelKey.replace('sections.', '') as keyof typeof zhCN.sections;
      expect(zhCN.sections[name]).toBeTruthy();
      expect(en.sections[name]).toBeTruthy();
      expect(section.component === null).toBe(section.key === 'register');
    }
  });
});

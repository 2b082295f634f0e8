import { describe, expect, it } from 'vitest';
import type { FieldIssues } from '../../../../shared/domain/scenario';
import { fieldFeedback, firstFieldWithIssue, mergeIssues } from '../../../../renderer/features/register/formIssues';
import { createRegionSearchFilter } from '../../../../renderer/features/register/formRegionSearch';
import { fakeRegions } from '../../shared/domain/regionsFixture';

const required = { code: 'required', zh: '请填写场景名称', en: 'Title is required' } as const;
const outside = { code: 'outside_region', zh: '位置不在所选地区内', en: 'Outside the region' } as const;
const notPlaced = { code: 'not_placed', zh: '尚未在地图上标定', en: 'Not placed yet' } as const;

describe('fieldFeedback', () => {
  it('shows errors in the current language, over warnings', () => {
    const errors: FieldIssues = { location: [{ code: 'outside_sichuan', zh: '位置不在四川省境内', en: 'Outside Sichuan' }] };
    const warnings: FieldIssues = { location: [outside] };
    expect(fieldFeedback('location', errors, warnings, 'zh-CN')).toEqual({ status: 'error', messages: ['位置不在四川省境内'] });
    expect(fieldFeedback('location', errors, warnings, 'en')).toEqual({ status: 'error', messages: ['Outside Sichuan'] });
  });

  it('shows warnings when there is no error', () => {
    expect(fieldFeedback('location', {}, { location: [outside] }, 'zh-CN')).toEqual({ status: 'warning', messages: ['位置不在所选地区内'] });
  });

  it('leaves out warnings the control already shows', () => {
    expect(fieldFeedback('location', {}, { location: [notPlaced] }, 'zh-CN', ['not_placed'])).toEqual({ status: undefined, messages: [] });
  });

  it('says nothing about a field without issues', () => {
    expect(fieldFeedback('title', { contactPhone: [required] }, {}, 'zh-CN').status).toBeUndefined();
  });
});

describe('mergeIssues', () => {
  it('joins both sets per field without repeating a code', () => {
    const merged = mergeIssues({ title: [required] }, { title: [required, outside], address: [outside] });
    expect(merged.title?.map((issue) => issue.code)).toEqual(['required', 'outside_region']);
    expect(merged.address).toEqual([outside]);
  });
});

describe('firstFieldWithIssue', () => {
  it('follows the form order, not the order of the issues', () => {
    expect(firstFieldWithIssue({ contactPhone: [required], title: [required] }, ['title', 'field', 'contactPhone'])).toBe('title');
    expect(firstFieldWithIssue({ title: [] }, ['title'])).toBeUndefined();
  });
});

describe('createRegionSearchFilter', () => {
  const filter = createRegionSearchFilter(fakeRegions());
  const path = (...values: string[]) => values.map((value) => ({ value, label: value }));

  it('matches the option path whose last region the search finds', () => {
    expect(filter('武侯', path('510000', '510100', '510107'))).toBe(true);
    expect(filter('武侯', path('510000', '510100', '510104'))).toBe(false);
    expect(filter('武侯', [])).toBe(false);
  });
});

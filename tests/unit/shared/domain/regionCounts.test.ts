import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countByRegion, countRecordsByRegion } from '../../../../shared/domain/regionCounts';
import { createRegionIndex, parseRegionAsset } from '../../../../shared/regions/regions';

const parsed = parseRegionAsset(JSON.parse(readFileSync('assets/regions/sichuan-regions.json', 'utf8')));
if (!parsed.ok) throw new Error(parsed.message);
const regions = createRegionIndex(parsed.value);

describe('countByRegion', () => {
  it('rolls county records up to their city and the province', () => {
    const counts = countByRegion(['510107', '510107', '510104', '510100', '510703', '510000'], regions);
    expect(counts.get('510107')).toBe(2);
    expect(counts.get('510104')).toBe(1);
    expect(counts.get('510100')).toBe(4); // two 武侯区, one 锦江区, one city-level
    expect(counts.get('510700')).toBe(1);
    expect(counts.get('510000')).toBe(6);
    expect(counts.has('510105')).toBe(false);
  });

  it.each([[''], ['999999'], ['__proto__'], ['110101']])('skips a code unknown to the index: %j', (code) => {
    const counts = countByRegion([code, '510107'], regions);
    expect([...counts.keys()].sort()).toEqual(['510000', '510100', '510107']);
  });

  it('is empty for no records', () => {
    expect(countByRegion([], regions).size).toBe(0);
  });
});

describe('countRecordsByRegion', () => {
  it('counts records as countByRegion counts their codes', () => {
    const codes = ['510107', '510107', '510104', '510100', '510703', '510000', '999999', ''];
    expect(countRecordsByRegion(codes.map((regionCode) => ({ regionCode })), regions)).toEqual(countByRegion(codes, regions));
    expect(countRecordsByRegion([], regions).size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { scenarioFeature, toGeoJsonText } from '../../../../shared/spreadsheet/geojson';
import { exportScenarios, realRegions } from './exportFixture';

const regions = realRegions();
const rows = exportScenarios(regions, 50);

describe('toGeoJsonText', () => {
  const collection = JSON.parse(toGeoJsonText(rows, regions)) as {
    type: string;
    features: { type: string; id: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[];
  };

  it('is a FeatureCollection of one Point per scenario, [lng, lat] in WGS-84', () => {
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(rows.length);
    collection.features.forEach((feature, i) => {
      expect(feature.type).toBe('Feature');
      expect(feature.id).toBe(rows[i]!.id);
      expect(feature.geometry).toEqual({ type: 'Point', coordinates: [rows[i]!.location.lng, rows[i]!.location.lat] });
      // Sichuan: longitude ~97–109 E, latitude ~26–35 N — a swapped pair would fail
      expect(feature.geometry.coordinates[0]).toBeGreaterThan(96);
      expect(feature.geometry.coordinates[1]).toBeLessThan(36);
    });
  });

  it('has English property keys, stable enum keys and Chinese labels', () => {
    const first = collection.features[30]!.properties;
    for (const key of Object.keys(first)) expect(key).toMatch(/^[a-z][A-Za-z]*$/);
    expect(first).toMatchObject({ catalogNumber: rows[30]!.catalogNumber, field: rows[30]!.field, status: rows[30]!.status, regionCode: rows[30]!.regionCode });
    expect(first.fieldLabel).toMatch(/[\u4e00-\u9fff]/);
    expect(first.province).toBe('四川省');
  });

  it('names all three levels of a county record and leaves the lower ones empty for higher levels', () => {
    const county = rows.find((row) => row.openingLevel === 'county')!;
    const region = regions.get(county.regionCode)!;
    expect(scenarioFeature(county, regions).properties).toMatchObject({ province: '四川省', city: regions.get(region.parent!)!.name, county: region.name });
    const province = { ...county, openingLevel: 'province' as const, regionCode: regions.province.code };
    expect(scenarioFeature(province, regions).properties).toMatchObject({ province: '四川省', city: null, county: null });
  });

  it('leaves out records without finite coordinates', () => {
    const broken = { ...rows[0]!, location: { lat: Number.NaN, lng: 104 } };
    expect((JSON.parse(toGeoJsonText([broken, rows[1]!], regions)) as { features: unknown[] }).features).toHaveLength(1);
  });
});

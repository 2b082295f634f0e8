/**
 * Scenarios as a GeoJSON FeatureCollection (RFC 7946) for GIS tools (issue 5): one Point per
 * scenario in WGS-84 `[lng, lat]`, properties with English keys. Enumerations carry both the stable
 * key (for joins and filters) and the Chinese label (for map legends); dates stay `YYYY-MM-DD`.
 * Arrays are joined into text, because shapefile-minded tools (QGIS attribute tables, ArcGIS) do
 * not keep list properties.
 */
import type { Scenario } from '../domain/scenario';
import { APPLICATION_FIELDS, OPENING_LEVELS, SCENARIO_STATUSES, TECH_DIRECTIONS } from '../domain/vocabulary';
import { LIST_SEPARATOR, type RegionNameLookup } from './scenarioColumns';
import { formatShanghaiDateTime } from './sheet';

/** The properties of one exported scenario feature. */
export interface ScenarioFeatureProperties {
  readonly id: string;
  readonly catalogNumber: string;
  readonly title: string;
  readonly field: string;
  readonly fieldLabel: string;
  readonly techDirections: string;
  readonly techDirectionLabels: string;
  readonly openingLevel: string;
  readonly openingLevelLabel: string;
  readonly regionCode: string;
  readonly province: string | null;
  readonly city: string | null;
  readonly county: string | null;
  readonly ownerUnit: string;
  readonly address: string;
  readonly isPlaced: boolean;
  readonly description: string;
  readonly requirements: string;
  readonly resourcesOffered: string;
  readonly partnerSlots: number;
  readonly openFrom: string | null;
  readonly openUntil: string | null;
  readonly contactName: string;
  readonly contactPhone: string;
  readonly contactEmail: string;
  readonly status: string;
  readonly statusLabel: string;
  readonly batch: string | null;
  /** `YYYY-MM-DD HH:mm:ss`, Asia/Shanghai. */
  readonly updatedAt: string;
}

/** One exported scenario. */
export interface ScenarioFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly [lng: number, lat: number] };
  readonly properties: ScenarioFeatureProperties;
}

const zh = (list: readonly { key: string; zh: string }[]): ReadonlyMap<string, string> => new Map(list.map((entry) => [entry.key, entry.zh]));
const FIELD_ZH = zh(APPLICATION_FIELDS);
const DIRECTION_ZH = zh(TECH_DIRECTIONS);
const LEVEL_ZH = zh(OPENING_LEVELS);
const STATUS_ZH = zh(SCENARIO_STATUSES);

function names(code: string, regions: RegionNameLookup): { province: string | null; city: string | null; county: string | null } {
  const out: { province: string | null; city: string | null; county: string | null } = { province: null, city: null, county: null };
  let region = regions.get(code);
  for (let guard = 0; region && guard < 4; guard += 1) {
    out[region.level] = region.name;
    region = region.parent === null ? undefined : regions.get(region.parent);
  }
  return out;
}

/** One scenario as a GeoJSON Feature (geometry in WGS-84, longitude first). */
export function scenarioFeature(s: Scenario, regions: RegionNameLookup): ScenarioFeature {
  return {
    type: 'Feature',
    id: s.id,
    geometry: { type: 'Point', coordinates: [s.location.lng, s.location.lat] },
    properties: {
      id: s.id,
      catalogNumber: s.catalogNumber,
      title: s.title,
      field: s.field,
      fieldLabel: FIELD_ZH.get(s.field) ?? s.field,
      techDirections: s.techDirections.join(','),
      techDirectionLabels: s.techDirections.map((key) => DIRECTION_ZH.get(key) ?? key).join(LIST_SEPARATOR),
      openingLevel: s.openingLevel,
      openingLevelLabel: LEVEL_ZH.get(s.openingLevel) ?? s.openingLevel,
      regionCode: s.regionCode,
      ...names(s.regionCode, regions),
      ownerUnit: s.ownerUnit,
      address: s.address,
      isPlaced: s.isPlaced,
      description: s.description,
      requirements: s.requirements,
      resourcesOffered: s.resourcesOffered,
      partnerSlots: s.partnerSlots,
      openFrom: s.openFrom,
      openUntil: s.openUntil,
      contactName: s.contactName,
      contactPhone: s.contactPhone,
      contactEmail: s.contactEmail,
      status: s.status,
      statusLabel: STATUS_ZH.get(s.status) ?? s.status,
      batch: s.batch,
      updatedAt: formatShanghaiDateTime(s.updatedAt),
    },
  };
}

/**
 * The scenarios as GeoJSON text: a FeatureCollection, one feature per line so a 100k export is
 * built feature by feature instead of as one object tree. Records with non-finite coordinates are
 * left out (GeoJSON has no place for them).
 */
export function toGeoJsonText(rows: readonly Scenario[], regions: RegionNameLookup): string {
  const parts: string[] = [];
  for (const row of rows) {
    if (!Number.isFinite(row.location.lat) || !Number.isFinite(row.location.lng)) continue;
    parts.push(JSON.stringify(scenarioFeature(row, regions)));
  }
  return `{"type":"FeatureCollection","features":[\n${parts.join(',\n')}\n]}\n`;
}

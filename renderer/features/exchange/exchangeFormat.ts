import type { TFunction } from 'i18next';
import type { JsonValue } from '../../../shared/domain/changeRecord';
import type { RegionIndex } from '../../../shared/regions/regions';

/** A unit code as people read it: `成都市（510100）`. */
export function unitName(regions: RegionIndex, code: string): string {
  const region = regions.get(code);
  return region ? `${region.name}（${code}）` : code;
}

/** The label of a record field in the conflict queue (the register's own labels). */
export function fieldLabel(t: TFunction, field: string): string {
  return t(`vocab.scenarioFields.${field}`, { defaultValue: field });
}

/** A field value for the conflict queue: vocabulary labels, dates, places; （空） for nothing. */
export function formatValue(t: TFunction, field: string, value: JsonValue): string {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return t('exchange.conflicts.empty_value');
  if (field === 'status' || field === 'suspendedFrom') return t(`vocab.statuses.${String(value)}`, { defaultValue: String(value) });
  if (field === 'field') return t(`vocab.fields.${String(value)}`, { defaultValue: String(value) });
  if (field === 'openingLevel') return t(`vocab.openingLevels.${String(value)}`, { defaultValue: String(value) });
  if (field === 'techDirections' && Array.isArray(value)) return value.map((key) => t(`vocab.directions.${String(key)}`, { defaultValue: String(key) })).join('、');
  if ((field === 'deletedAt' || field === 'createdAt') && typeof value === 'number') return new Date(value).toLocaleString();
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object' && !Array.isArray(value) && 'lat' in value && 'lng' in value) return `${String(value['lat'])}, ${String(value['lng'])}`;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

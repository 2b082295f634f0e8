import type { ApplicationField, ScenarioStatus } from '../../../shared/domain/vocabulary';

/** One colour per application field (应用领域), for markers, legend and table tags. */
export const FIELD_COLORS: Readonly<Record<ApplicationField, string>> = {
  medical: '#d9363e',
  industrial: '#1d4ed8',
  eldercare: '#c2410c',
  emergency: '#b91c1c',
  cultural_heritage: '#7e22ce',
  scenic_site: '#15803d',
  education: '#0e7490',
  public_service: '#4d7c0f',
  consumer: '#be185d',
};

/** A one-character glyph per field inside a marker, so fields differ by more than colour. */
export const FIELD_GLYPHS: Readonly<Record<ApplicationField, string>> = {
  medical: '医',
  industrial: '工',
  eldercare: '养',
  emergency: '急',
  cultural_heritage: '遗',
  scenic_site: '景',
  education: '教',
  public_service: '公',
  consumer: '娱',
};

/** Status colours (ring of a marker, table tag). */
export const STATUS_COLORS: Readonly<Record<ScenarioStatus, string>> = {
  draft: '#9ca3af',
  open: '#16a34a',
  matched: '#2563eb',
  piloting: '#f59e0b',
  suspended: '#6b7280',
  completed: '#0f766e',
  closed: '#111827',
};

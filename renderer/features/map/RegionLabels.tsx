import { useMemo } from 'react';
import { Marker } from 'react-leaflet';
import { divIcon } from 'leaflet';
import type { Region } from '../../../shared/regions/regions';

/** Props of {@link RegionLabels}. */
export interface RegionLabelsProps {
  readonly regions: readonly Region[];
  readonly selectedCode: string | null;
  /** Clicking a label (or Enter on it: Leaflet markers are in the tab order) acts like clicking its region. */
  readonly onActivate: (code: string) => void;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Names at each region's centre point, for the level currently shown. */
export function RegionLabels({ regions, selectedCode, onActivate }: RegionLabelsProps) {
  return (
    <>
      {regions.map((region) => (
        <RegionLabel key={region.code} region={region} isSelected={region.code === selectedCode} onActivate={onActivate} />
      ))}
    </>
  );
}

interface RegionLabelProps {
  readonly region: Region;
  readonly isSelected: boolean;
  readonly onActivate: (code: string) => void;
}

function RegionLabel({ region, isSelected, onActivate }: RegionLabelProps) {
  const icon = useMemo(
    () =>
      divIcon({
        className: `region-label region-label-${region.level}${isSelected ? ' is-selected' : ''}`,
        html: `<span>${escapeHtml(region.shortName)}</span>`,
        iconSize: undefined,
      }),
    [isSelected, region.level, region.shortName],
  );
  const eventHandlers = useMemo(() => ({ click: () => onActivate(region.code) }), [onActivate, region.code]);
  const [lng, lat] = region.center;
  return <Marker position={[lat, lng]} icon={icon} title={region.name} alt={region.name} keyboard eventHandlers={eventHandlers} />;
}

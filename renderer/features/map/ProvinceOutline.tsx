import { useMemo } from 'react';
import { GeoJSON } from 'react-leaflet';
import type { Region } from '../../../shared/regions/regions';
import { regionFeature } from './geo';

/** Props of {@link ProvinceOutline}. */
export interface ProvinceOutlineProps {
  readonly province: Region;
  /** With an online basemap underneath, the province is not filled so the tiles show through. */
  readonly hasBasemap: boolean;
}

const offlineStyle = {
  className: 'region-boundary region-province',
  color: '#0b3d55',
  weight: 3,
  fillColor: '#f7f4ea',
  fillOpacity: 1,
};
const overBasemapStyle = { ...offlineStyle, fillOpacity: 0 };

/** Sichuan's outline, drawn under everything else. */
export function ProvinceOutline({ province, hasBasemap }: ProvinceOutlineProps) {
  const feature = useMemo(() => regionFeature(province), [province]);
  return <GeoJSON data={feature} style={hasBasemap ? overBasemapStyle : offlineStyle} interactive={false} />;
}

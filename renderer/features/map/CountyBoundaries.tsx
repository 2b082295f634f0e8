import { useMemo } from 'react';
import { GeoJSON } from 'react-leaflet';
import type { PathOptions } from 'leaflet';
import type { Region } from '../../../shared/regions/regions';
import { regionFeature } from './geo';

/** Props of {@link CountyBoundaries}. */
export interface CountyBoundariesProps {
  readonly counties: readonly Region[];
  readonly selectedCountyCode: string | null;
  readonly myUnitCode: string | null;
  readonly onSelectCounty: (code: string) => void;
}

function countyStyle(isSelected: boolean, isMine: boolean): PathOptions {
  return {
    color: isMine ? '#c2410c' : '#2f7d6d',
    weight: isSelected ? 3 : 1,
    fillColor: isSelected ? '#f59e0b' : '#b7dfc9',
    fillOpacity: isSelected ? 0.45 : 0.3,
  };
}

/** The counties of the open city; click one to select it. */
export function CountyBoundaries({ counties, selectedCountyCode, myUnitCode, onSelectCounty }: CountyBoundariesProps) {
  return (
    <>
      {counties.map((county) => (
        <CountyBoundary
          key={county.code}
          county={county}
          isSelected={county.code === selectedCountyCode}
          isMine={county.code === myUnitCode}
          onSelectCounty={onSelectCounty}
        />
      ))}
    </>
  );
}

interface CountyBoundaryProps {
  readonly county: Region;
  readonly isSelected: boolean;
  readonly isMine: boolean;
  readonly onSelectCounty: (code: string) => void;
}

function CountyBoundary({ county, isSelected, isMine, onSelectCounty }: CountyBoundaryProps) {
  const feature = useMemo(() => regionFeature(county), [county]);
  const style = useMemo(
    () => ({ ...countyStyle(isSelected, isMine), className: `region-boundary region-county region-code-${county.code}` }),
    [county.code, isSelected, isMine],
  );
  const eventHandlers = useMemo(() => ({ click: () => onSelectCounty(county.code) }), [county.code, onSelectCounty]);
  return (
    <GeoJSON
      data={feature}
      style={style}
      eventHandlers={eventHandlers}
    />
  );
}

import { useMemo } from 'react';
import { GeoJSON } from 'react-leaflet';
import type { PathOptions } from 'leaflet';
import type { Region } from '../../../shared/regions/regions';
import { regionFeature } from './geo';
import { choroplethColor, type Choropleth } from './choropleth';

/** Props of {@link CountyBoundaries}. */
export interface CountyBoundariesProps {
  readonly counties: readonly Region[];
  readonly selectedCountyCode: string | null;
  readonly myUnitCode: string | null;
  readonly onSelectCounty: (code: string) => void;
  /** Counts per county: fills by count instead of the plain colour. */
  readonly choropleth?: Choropleth | null;
}

function countyStyle(isSelected: boolean, isMine: boolean, countFill: string | null): PathOptions {
  return {
    color: isMine ? '#c2410c' : '#2f7d6d',
    weight: isSelected ? 3 : 1,
    fillColor: countFill ?? (isSelected ? '#f59e0b' : '#b7dfc9'),
    fillOpacity: countFill ? 0.85 : isSelected ? 0.45 : 0.3,
  };
}

/** The counties of the open city; click one to select it. */
export function CountyBoundaries({ counties, selectedCountyCode, myUnitCode, onSelectCounty, choropleth }: CountyBoundariesProps) {
  return (
    <>
      {counties.map((county) => (
        <CountyBoundary
          key={county.code}
          county={county}
          isSelected={county.code === selectedCountyCode}
          isMine={county.code === myUnitCode}
          onSelectCounty={onSelectCounty}
          countFill={choropleth ? choroplethColor(choropleth.counts.get(county.code) ?? 0, choropleth.max) : null}
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
  readonly countFill: string | null;
}

function CountyBoundary({ county, isSelected, isMine, onSelectCounty, countFill }: CountyBoundaryProps) {
  const feature = useMemo(() => regionFeature(county), [county]);
  const style = useMemo(
    () => ({ ...countyStyle(isSelected, isMine, countFill), className: `region-boundary region-county region-code-${county.code}` }),
    [county.code, countFill, isSelected, isMine],
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

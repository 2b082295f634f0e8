import { useMemo } from 'react';
import { GeoJSON } from 'react-leaflet';
import type { PathOptions } from 'leaflet';
import type { Region } from '../../../shared/regions/regions';
import { regionFeature } from './geo';
import { choroplethColor, type Choropleth } from './choropleth';

/** Props of {@link CityBoundaries}. */
export interface CityBoundariesProps {
  readonly cities: readonly Region[];
  /** The city drilled into, whose counties are drawn on top; null at province view. */
  readonly openCityCode: string | null;
  readonly myUnitCode: string | null;
  readonly onSelectCity: (code: string) => void;
  /** Counts per city: fills by count instead of the plain colour. */
  readonly choropleth?: Choropleth | null;
}

function cityStyle(isOpen: boolean, isOtherOpen: boolean, isMine: boolean, countFill: string | null): PathOptions {
  return {
    color: isMine ? '#c2410c' : '#1d5f7a',
    weight: isOpen ? 2.5 : 1.2,
    fillColor: countFill ?? '#9cc9d9',
    fillOpacity: isOpen ? 0 : isOtherOpen ? 0.12 : countFill ? 0.85 : 0.35,
  };
}

/** The 21 cities and prefectures; click one to drill into its counties. */
export function CityBoundaries({ cities, openCityCode, myUnitCode, onSelectCity, choropleth }: CityBoundariesProps) {
  return (
    <>
      {cities.map((city) => (
        <CityBoundary
          key={city.code}
          city={city}
          isOpen={city.code === openCityCode}
          isOtherOpen={openCityCode !== null && city.code !== openCityCode}
          isMine={myUnitCode !== null && myUnitCode.slice(0, 4) === city.code.slice(0, 4)}
          onSelectCity={onSelectCity}
          countFill={choropleth ? choroplethColor(choropleth.counts.get(city.code) ?? 0, choropleth.max) : null}
        />
      ))}
    </>
  );
}

interface CityBoundaryProps {
  readonly city: Region;
  readonly isOpen: boolean;
  readonly isOtherOpen: boolean;
  readonly isMine: boolean;
  readonly onSelectCity: (code: string) => void;
  readonly countFill: string | null;
}

function CityBoundary({ city, isOpen, isOtherOpen, isMine, onSelectCity, countFill }: CityBoundaryProps) {
  const feature = useMemo(() => regionFeature(city), [city]);
  // className is read once when Leaflet creates the path; the e2e specs and CSS find boundaries by it.
  const style = useMemo(
    () => ({ ...cityStyle(isOpen, isOtherOpen, isMine, countFill), className: `region-boundary region-city region-code-${city.code}` }),
    [city.code, countFill, isOpen, isOtherOpen, isMine],
  );
  const eventHandlers = useMemo(() => ({ click: () => onSelectCity(city.code) }), [city.code, onSelectCity]);
  return (
    <GeoJSON
      data={feature}
      style={style}
      interactive={!isOpen}
      eventHandlers={eventHandlers}
    />
  );
}

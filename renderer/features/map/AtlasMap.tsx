import type { ReactNode } from 'react';
import { MapContainer } from 'react-leaflet';
import type { Basemap } from '../../../shared/settings/settings';
import { useRegions } from '../../app/contexts';
import { BasemapLayer } from './BasemapLayer';
import { CountyBoundaries } from './CountyBoundaries';
import { CityBoundaries } from './CityBoundaries';
import { ProvinceOutline } from './ProvinceOutline';
import { RegionLabels } from './RegionLabels';
import { FitToFocus } from './FitToFocus';
import { regionBounds } from './geo';
import type { Choropleth } from './choropleth';
import { MapDrawnMark } from './MapDrawnMark';
import type { MapSelection } from './useMapSelection';

/** Props of {@link AtlasMap}. */
export interface AtlasMapProps {
  readonly selection: MapSelection;
  readonly basemap: Basemap;
  readonly tiandituKey: string;
  readonly myUnitCode: string | null;
  /** Counts per region: the boundaries are filled by count (choropleth mode). */
  readonly choropleth?: Choropleth | null;
  /** Layers drawn above the boundaries (scenario markers). */
  readonly children?: ReactNode;
}

/**
 * The map of Sichuan. With no basemap (the default) everything drawn comes from the shipped region
 * data, so it works offline; an online basemap is an opt-in layer underneath.
 */
export function AtlasMap({ selection, basemap, tiandituKey, myUnitCode, choropleth = null, children }: AtlasMapProps) {
  const regions = useRegions();
  const { city } = selection;
  const labelled = city ? regions.children(city.code) : regions.cities();
  return (
    <MapContainer
      className="atlas-map"
      bounds={regionBounds(selection.focus)}
      boundsOptions={{ padding: [16, 16] }}
      minZoom={5}
      maxZoom={16}
      zoomSnap={0.25}
      keyboard
      attributionControl={basemap !== 'none'}
    >
      <BasemapLayer basemap={basemap} tiandituKey={tiandituKey} />
      <ProvinceOutline province={regions.province} hasBasemap={basemap !== 'none'} />
      <CityBoundaries cities={regions.cities()} openCityCode={city?.code ?? null} myUnitCode={myUnitCode} onSelectCity={selection.selectCity} choropleth={choropleth} />
      {city && (
        <CountyBoundaries
          counties={regions.children(city.code)}
          selectedCountyCode={selection.county?.code ?? null}
          myUnitCode={myUnitCode}
          onSelectCounty={selection.selectCounty}
          choropleth={choropleth}
        />
      )}
      <RegionLabels
        regions={labelled}
        selectedCode={selection.county?.code ?? null}
        onActivate={city ? selection.selectCounty : selection.selectCity}
      />
      {children}
      <FitToFocus focus={selection.focus} viewRequest={selection.viewRequest} lastView={selection.lastView} />
      <MapDrawnMark />
    </MapContainer>
  );
}

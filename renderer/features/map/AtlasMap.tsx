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
import { MapDrawnMark } from './MapDrawnMark';
import type { MapSelection } from './useMapSelection';

/** Props of {@link AtlasMap}. */
export interface AtlasMapProps {
  readonly selection: MapSelection;
  readonly basemap: Basemap;
  readonly tiandituKey: string;
  readonly myUnitCode: string | null;
}

/**
 * The map of Sichuan. With no basemap (the default) everything drawn comes from the shipped region
 * data, so it works offline; an online basemap is an opt-in layer underneath.
 */
export function AtlasMap({ selection, basemap, tiandituKey, myUnitCode }: AtlasMapProps) {
  const regions = useRegions();
  const { city } = selection;
  const labelled = city ? regions.children(city.code) : regions.cities();
  return (
    <MapContainer
      className="atlas-map"
      bounds={regionBounds(regions.province)}
      boundsOptions={{ padding: [16, 16] }}
      minZoom={5}
      maxZoom={16}
      zoomSnap={0.25}
      keyboard
      attributionControl={basemap !== 'none'}
    >
      <BasemapLayer basemap={basemap} tiandituKey={tiandituKey} />
      <ProvinceOutline province={regions.province} hasBasemap={basemap !== 'none'} />
      <CityBoundaries cities={regions.cities()} openCityCode={city?.code ?? null} myUnitCode={myUnitCode} onSelectCity={selection.selectCity} />
      {city && (
        <CountyBoundaries
          counties={regions.children(city.code)}
          selectedCountyCode={selection.county?.code ?? null}
          myUnitCode={myUnitCode}
          onSelectCounty={selection.selectCounty}
        />
      )}
      <RegionLabels
        regions={labelled}
        selectedCode={selection.county?.code ?? null}
        onActivate={city ? selection.selectCounty : selection.selectCity}
      />
      <FitToFocus focus={selection.focus} viewRequest={selection.viewRequest} />
      <MapDrawnMark />
    </MapContainer>
  );
}

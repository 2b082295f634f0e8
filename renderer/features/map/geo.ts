import type { LatLngBoundsExpression } from 'leaflet';
import type { Feature, MultiPolygon } from 'geojson';
import type { Region } from '../../../shared/regions/regions';

/** Leaflet bounds ([lat, lng] corners) of a region's bbox; the asset stores GeoJSON [lng, lat]. */
export function regionBounds(region: Region): LatLngBoundsExpression {
  const [minLng, minLat, maxLng, maxLat] = region.bbox;
  return [
    [minLat, minLng],
    [maxLat, maxLng],
  ];
}

/** A region as a GeoJSON feature for react-leaflet's `<GeoJSON>`. */
export function regionFeature(region: Region): Feature<MultiPolygon, { code: string; name: string }> {
  return {
    type: 'Feature',
    properties: { code: region.code, name: region.name },
    geometry: region.geometry as unknown as MultiPolygon,
  };
}

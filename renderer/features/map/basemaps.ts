import type { Basemap } from '../../../shared/settings/settings';

/** A tile source; all offered ones use WGS-84-compatible coordinates (TianDiTu is CGCS2000), so stored points are drawn as they are. */
export interface TileSource {
  readonly url: string;
  readonly subdomains: string | readonly string[];
  readonly attributionKey: 'map.basemapAttributionOsm' | 'map.basemapAttributionTianditu';
  readonly maxZoom: number;
}

/** The tile source for a basemap setting, or null for none (or TianDiTu without a key). */
export function tileSourceFor(basemap: Basemap, tiandituKey: string): TileSource | null {
  if (basemap === 'osm') {
    return { url: 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', subdomains: ['a', 'b', 'c'], attributionKey: 'map.basemapAttributionOsm', maxZoom: 19 };
  }
  if (basemap === 'tianditu' && /^[0-9a-zA-Z]+$/.test(tiandituKey)) {
    return {
      url: `https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${tiandituKey}`,
      subdomains: ['0', '1', '2', '3', '4', '5', '6', '7'],
      attributionKey: 'map.basemapAttributionTianditu',
      maxZoom: 18,
    };
  }
  return null;
}

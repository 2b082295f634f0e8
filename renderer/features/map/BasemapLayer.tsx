import { TileLayer } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import type { Basemap } from '../../../shared/settings/settings';
import { tileSourceFor } from './basemaps';

/** Props of {@link BasemapLayer}. */
export interface BasemapLayerProps {
  readonly basemap: Basemap;
  readonly tiandituKey: string;
}

/** The optional online basemap; renders nothing by default, so no request leaves the app. */
export function BasemapLayer({ basemap, tiandituKey }: BasemapLayerProps) {
  const { t } = useTranslation();
  const source = tileSourceFor(basemap, tiandituKey);
  if (!source) return null;
  return (
    <TileLayer
      key={source.url}
      url={source.url}
      subdomains={source.subdomains as string[]}
      attribution={t(source.attributionKey)}
      maxZoom={source.maxZoom}
      className="atlas-basemap"
    />
  );
}
